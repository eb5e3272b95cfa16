package org.sharpeyes.edge.watchlist;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sharpeyes.edge.publish.Inbound;
import org.sharpeyes.schema.sync.WatchlistManifest;
import org.sharpeyes.schema.sync.WatchlistManifestCodec;
import org.sharpeyes.schema.topic.TopicAddress;
import org.sharpeyes.schema.topic.Topics;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the edge's watchlist in step with the server's retained manifest. A new manifest is
 * compared with what the edge holds: only photos with no template of some model group are fetched
 * ({@link PhotoFetch}: at most {@link #FETCH_WINDOW} at a time, from their retained topics), each
 * is checked against its digest and enrolled with the cameras' own detector and embedder, and the
 * template is kept on disk. The cameras see the new watchlist as soon as the manifest arrives
 * (removals at once, additions as their photos come) and in full when the last photo is in.
 *
 * <p>All state is confined to the injected single-threaded executor; {@link #arrived} only hands
 * over. Nothing here throws at the broker: a bad manifest or photo is refused with its reason in
 * the status, the log and a counter, and the current watchlist stays.
 */
public final class WatchlistSync implements Inbound {

  private static final Logger log = LoggerFactory.getLogger(WatchlistSync.class);

  static final int FETCH_WINDOW = 32;
  static final int MAX_PHOTO_BYTES = 1024 * 1024;
  static final Duration PHOTO_TIMEOUT = Duration.ofSeconds(30);
  static final Duration TICK = Duration.ofSeconds(5);
  private static final int MAX_PROBLEMS_SHOWN = 20;

  private final String manifestTopic;
  private final List<ModelGroup> groups;
  private final TemplateCache cache;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Function<ModelGroup, PhotoEnroller> enrollers;
  private final WatchlistManifestCodec codec = new WatchlistManifestCodec();
  private final WatchlistMetrics metrics;

  private volatile AppliedWatchlist applied = AppliedWatchlist.EMPTY;
  private volatile String lastError;
  private volatile Long pendingVersion;
  private volatile Map<String, String> problemsShown = Map.of();

  // Confined to the executor.
  private final PhotoFetch fetch;
  private WatchlistManifest target;
  private byte[] targetBytes;
  private final Map<String, Map<String, float[]>> computed = new LinkedHashMap<>();
  private final Map<String, String> problems = new LinkedHashMap<>();
  private final Map<String, PhotoEnroller> open = new LinkedHashMap<>();
  private boolean dirty;
  private long completeVersion = -1;
  private Instant lastApply = Instant.EPOCH;

  /**
   * @param groups the model groups of the edge's cameras, one per model id
   * @param executor single-threaded, owned by the caller, who shuts it down after {@link #close}
   */
  public WatchlistSync(
      String edgeId,
      List<ModelGroup> groups,
      TemplateCache cache,
      Clock clock,
      ScheduledExecutorService executor,
      MeterRegistry meters) {
    this(edgeId, groups, cache, clock, executor, meters, PhotoEnroller::open);
  }

  WatchlistSync(
      String edgeId,
      List<ModelGroup> groups,
      TemplateCache cache,
      Clock clock,
      ScheduledExecutorService executor,
      MeterRegistry meters,
      Function<ModelGroup, PhotoEnroller> enrollers) {
    this.manifestTopic = Topics.sync(edgeId, Topics.WATCHLIST);
    this.groups = List.copyOf(groups);
    this.cache = cache;
    this.clock = clock;
    this.executor = executor;
    this.enrollers = enrollers;
    this.fetch = new PhotoFetch(FETCH_WINDOW, PHOTO_TIMEOUT, clock);
    this.metrics = new WatchlistMetrics(meters, () -> applied, this.groups);
  }

  /**
   * Applies the watchlist kept on disk, so the cameras match from the first frame; waits for it.
   */
  public void start() {
    call(
        () -> {
          cache.manifest().ifPresent(bytes -> onManifest(bytes));
          executor.scheduleWithFixedDelay(
              this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        });
  }

  /**
   * The current matcher for cameras of {@code modelId} with their thresholds by risk level; it
   * follows every new version.
   */
  public Supplier<FaceMatcher> matcher(String modelId, Map<String, Double> thresholds) {
    Map<String, Double> bars = Map.copyOf(thresholds);
    return new Supplier<>() {
      private AppliedWatchlist seen;
      private FaceMatcher matcher;

      @Override
      public synchronized FaceMatcher get() {
        AppliedWatchlist now = applied;
        if (now != seen) {
          matcher = now.matcher(modelId, bars);
          seen = now;
        }
        return matcher;
      }
    };
  }

  public WatchlistStatus status() {
    AppliedWatchlist a = applied;
    Map<String, Integer> templates = new LinkedHashMap<>();
    Map<String, List<String>> without = new LinkedHashMap<>();
    for (ModelGroup g : groups) {
      templates.put(g.modelId(), a.templateCount(g.modelId()));
      List<String> missing = a.personsWithoutTemplate(g.modelId());
      if (!missing.isEmpty()) {
        without.put(g.modelId(), missing.subList(0, Math.min(MAX_PROBLEMS_SHOWN, missing.size())));
      }
    }
    return new WatchlistStatus(
        a.version(),
        a.appliedAt(),
        a.manifest().persons().size(),
        templates,
        without,
        pendingVersion,
        fetch.outstanding(),
        problemsShown,
        lastError);
  }

  @Override
  public void connected(Inbound.Subscriber s) {
    hop(
        () -> {
          fetch.connected(s);
          s.subscribe(List.of(manifestTopic));
          fetch.pump();
        });
  }

  @Override
  public void lost() {
    hop(fetch::lost);
  }

  @Override
  public void arrived(String topic, byte[] payload) {
    if (topic.equals(manifestTopic)) {
      hop(() -> onManifest(payload));
      return;
    }
    if (Topics.parse(topic).orElse(null) instanceof TopicAddress.WatchlistPhoto photo) {
      hop(() -> onPhoto(photo.sha256(), payload));
    } else {
      log.debug("message on {} is not for the watchlist; ignored", topic);
    }
  }

  /** Releases the models; call before shutting the executor down. */
  public void close() {
    try {
      call(
          () -> {
            open.values().forEach(PhotoEnroller::close);
            open.clear();
          });
    } catch (IllegalStateException e) {
      log.debug("watchlist executor already stopped");
    }
  }

  private void onManifest(byte[] bytes) {
    if (bytes.length == 0) {
      return; // the retained manifest was cleared: keep what we have
    }
    if (targetBytes != null && Arrays.equals(bytes, targetBytes)) {
      return; // the retained message again, after a reconnect
    }
    WatchlistManifestCodec.Result result = codec.decode(bytes);
    if (result instanceof WatchlistManifestCodec.Refused r) {
      metrics.refused();
      lastError = "watchlist manifest refused: " + r.reason();
      log.warn("{}; keeping version {}", lastError, applied.version());
      return;
    }
    WatchlistManifest m = ((WatchlistManifestCodec.Read) result).manifest();
    if (m.version() < applied.version()) {
      log.warn(
          "the server's watchlist went back from version {} to {} (was its store reset?); taking it",
          applied.version(),
          m.version());
    }
    target = m;
    targetBytes = bytes;
    lastError = null;
    Set<String> wanted = new LinkedHashSet<>(m.photoDigests());
    problems.keySet().retainAll(wanted);
    fetch.keepOnly(wanted);
    for (ModelGroup g : groups) {
      computed.computeIfAbsent(g.modelId(), k -> new LinkedHashMap<>()).keySet().retainAll(wanted);
    }
    for (String sha : wanted) {
      boolean missing = false;
      for (ModelGroup g : groups) {
        Map<String, float[]> have = computed.get(g.modelId());
        if (!have.containsKey(sha)) {
          float[] kept = cache.get(g.modelId(), sha).orElse(null);
          if (kept != null) {
            have.put(sha, kept);
            count("cached");
          } else {
            missing = true;
          }
        }
      }
      if (missing) {
        fetch.add(sha);
      }
    }
    apply();
    fetch.pump();
  }

  private void onPhoto(String sha, byte[] payload) {
    if (!fetch.received(sha)) {
      return; // not asked for, or given up on
    }
    if (payload.length == 0) {
      problem(sha, "withdrawn by the server");
    } else if (payload.length > MAX_PHOTO_BYTES) {
      problem(sha, payload.length + " bytes, more than " + MAX_PHOTO_BYTES);
    } else if (!sha256(payload).equals(sha)) {
      problem(sha, "its bytes do not match its digest (corrupted on the way)");
    } else {
      enrol(sha, payload);
    }
    dirty = true;
    fetch.pump();
    if (fetch.done()) {
      apply();
    }
  }

  private void enrol(String sha, byte[] payload) {
    for (ModelGroup g : groups) {
      PhotoEnroller enroller;
      try {
        enroller = open.computeIfAbsent(g.modelId(), id -> enrollers.apply(g));
      } catch (RuntimeException e) {
        lastError = "cannot load the face models of " + g.modelId() + ": " + e.getMessage();
        problem(sha, lastError);
        continue;
      }
      PhotoEnroller.Result result = enroller.enrol(payload);
      if (result instanceof PhotoEnroller.Template t) {
        computed.get(g.modelId()).put(sha, t.vector());
        cache.put(g.modelId(), sha, t.vector());
        count("enrolled");
      } else {
        problem(sha, g.modelId() + ": " + ((PhotoEnroller.Failed) result).reason());
      }
    }
  }

  private void tick() {
    Instant now = clock.instant();
    for (String sha : fetch.expire()) {
      problem(sha, "not received within " + PHOTO_TIMEOUT.toSeconds() + " s of asking");
    }
    fetch.pump();
    if (dirty && (fetch.done() || Duration.between(lastApply, now).compareTo(TICK) >= 0)) {
      apply();
    }
  }

  private void apply() {
    if (target == null) {
      return;
    }
    Map<String, Map<String, float[]>> templates = new LinkedHashMap<>();
    computed.forEach((model, bySha) -> templates.put(model, Map.copyOf(bySha)));
    applied = new AppliedWatchlist(target, clock.instant(), Map.copyOf(templates));
    lastApply = clock.instant();
    dirty = false;
    problemsShown = Map.copyOf(firstProblems());
    if (fetch.done()) {
      pendingVersion = null;
      cache.manifest(targetBytes);
      Set<String> keep = Set.copyOf(target.photoDigests());
      groups.forEach(g -> cache.retainOnly(g.modelId(), keep));
      if (completeVersion != target.version()) {
        completeVersion = target.version();
        log.info(
            "watchlist version {} applied: {} persons, templates {}{}",
            target.version(),
            target.persons().size(),
            status().templates(),
            problems.isEmpty()
                ? ""
                : ", " + problems.size() + " photo(s) unusable: " + firstProblems());
      }
    } else {
      pendingVersion = target.version();
    }
  }

  private Map<String, String> firstProblems() {
    Map<String, String> shown = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : problems.entrySet()) {
      if (shown.size() == MAX_PROBLEMS_SHOWN) {
        break;
      }
      shown.put(e.getKey(), e.getValue());
    }
    return shown;
  }

  private void problem(String sha, String reason) {
    problems.put(sha, reason);
    count("failed");
    log.warn("watchlist photo {} gave no template: {}", sha.substring(0, 12), reason);
  }

  private void count(String result) {
    metrics.photo(result);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void hop(Runnable task) {
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              lastError = "watchlist sync failed: " + e;
              log.error("watchlist sync step failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("watchlist executor stopped; message dropped");
    }
  }

  private void call(Runnable task) {
    try {
      executor.submit(task).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      throw new IllegalStateException("watchlist step failed: " + e.getMessage(), e);
    }
  }
}
