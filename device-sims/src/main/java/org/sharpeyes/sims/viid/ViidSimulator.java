package org.sharpeyes.sims.viid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.sharpeyes.runtime.NamedThreads;
import org.sharpeyes.sims.load.LatencySamples;
import org.sharpeyes.sims.viid.ViidClient.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated GA/T 1400 capture device: registers with the platform (HTTP Digest), keeps alive,
 * posts vehicles and/or faces at a fixed rate in batches, and unregisters at the end. When the
 * platform forgets it (a keepalive or a post refused) or goes away (connection refused), it
 * registers again, with a capped, jittered backoff. A refused registration (wrong password, unknown
 * device) ends the run: {@link ViidReport#registrationRefusal()} says why. Objects are made only
 * while registered, so the pace restarts after each registration instead of bursting.
 *
 * <p>{@link #run()} blocks; {@link #start()} runs on a thread of its own; {@link #stop()} ends
 * either (pending objects are still sent, then the device unregisters). Safe to {@link #snapshot()}
 * from any thread.
 */
public final class ViidSimulator {

  private static final Logger log = LoggerFactory.getLogger(ViidSimulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int LATENCY_SAMPLES = 100_000;

  private final ViidSimulatorOptions options;
  private final Clock clock;
  private final ViidListener listener;
  private final ViidClient client;
  private final CaptureFactory factory;
  private final ViidTally tally = new ViidTally();
  private final LatencySamples latency = new LatencySamples(LATENCY_SAMPLES);
  private final Map<CaptureKind, List<Capture>> pending = new EnumMap<>(CaptureKind.class);
  private final Object wake = new Object();
  private volatile boolean stopping;
  private volatile Instant started;
  private final ViidSession session;
  private Instant paceStart;
  private long paceBase;
  private long made;

  public ViidSimulator(ViidSimulatorOptions options, Clock clock, ViidListener listener) {
    this.options = options;
    this.clock = clock;
    this.listener = listener;
    this.client =
        new ViidClient(
            options.url(), options.deviceId(), options.password(), options.requestTimeout());
    this.factory = new CaptureFactory(options);
    this.session = new ViidSession(options, client, clock, tally, this::tell);
  }

  public static ViidSimulator of(ViidSimulatorOptions options) {
    return new ViidSimulator(options, Clock.systemUTC(), new ViidListener() {});
  }

  /** Runs on a daemon thread of its own; the future completes with the report. */
  public CompletableFuture<ViidReport> start() {
    CompletableFuture<ViidReport> done = new CompletableFuture<>();
    NamedThreads.daemon("viid-sim")
        .newThread(
            () -> {
              try {
                done.complete(run());
              } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
              }
            })
        .start();
    return done;
  }

  /** Ends the run soon: what is pending is sent, then the device unregisters. */
  public void stop() {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  public boolean isRegistered() {
    return session.isRegistered();
  }

  /** Runs until the count, the duration, {@link #stop()} or a refused registration. */
  public ViidReport run() {
    Instant start = clock.instant();
    started = start;
    Instant end = options.duration() == null ? null : start.plus(options.duration());
    Instant silentAt = options.silentAfter() == null ? null : start.plus(options.silentAfter());
    boolean silent = false;
    while (!stopping && session.refusal() == null) {
      Instant now = clock.instant();
      if (end != null && !now.isBefore(end)) {
        break;
      }
      if (silentAt != null && !now.isBefore(silentAt)) {
        if (!silent) {
          log.info("device {} goes silent: no more keepalives or objects", options.deviceId());
          silent = true;
        }
        waitUntil(end, now);
        continue;
      }
      if (!session.isRegistered()) {
        if (now.isBefore(session.retryAt())) {
          waitUntil(earliest(session.retryAt(), end), now);
        } else if (call(session::register)) {
          paceStart = clock.instant();
          paceBase = made;
        }
        continue;
      }
      if (!now.isBefore(session.nextKeepalive())) {
        call(
            () -> {
              session.keepalive();
              return true;
            });
        continue;
      }
      if (countReached()) {
        break;
      }
      makeDue(now);
      Instant nextDue =
          paceStart.plusNanos((long) ((made - paceBase + 1) * 1e9 / options.ratePerSecond()));
      waitUntil(earliest(earliest(nextDue, session.nextKeepalive()), end), now);
    }
    if (session.isRegistered() && !silent) {
      new ArrayList<>(pending.keySet()).forEach(this::push);
      if (session.isRegistered()) {
        call(
            () -> {
              session.unregister();
              return true;
            });
      }
    }
    return snapshot();
  }

  /** What the run has done so far (the final report once {@link #run()} has returned). */
  public ViidReport snapshot() {
    Instant from = started == null ? clock.instant() : started;
    return new ViidReport(
        options.url(),
        options.deviceId(),
        tally.sent.get(),
        tally.hotSent.get(),
        tally.misreadSent.get(),
        tally.ok.get(),
        tally.refusedByCode(),
        tally.reasonByCode(),
        tally.unansweredByReason(),
        tally.requests.get(),
        tally.registrations.get(),
        tally.registrationFailures.get(),
        tally.keepalivesOk.get(),
        tally.keepalivesFailed.get(),
        factory.pictureFailures(),
        session.refusal(),
        latency.summary(),
        Duration.between(from, clock.instant()));
  }

  private boolean countReached() {
    return options.count() > 0 && made >= options.count();
  }

  private void makeDue(Instant now) {
    long due =
        paceBase
            + (long) (Duration.between(paceStart, now).toNanos() / 1e9 * options.ratePerSecond())
            - made;
    for (long i = 0; i < due && session.isRegistered() && !countReached(); i++) {
      Capture capture = factory.next(now);
      made++;
      List<Capture> list = pending.computeIfAbsent(capture.kind(), k -> new ArrayList<>());
      list.add(capture);
      if (list.size() >= options.batch() || countReached()) {
        push(capture.kind());
      }
    }
    if (countReached()) {
      new ArrayList<>(pending.keySet()).forEach(this::push);
    }
  }

  private void push(CaptureKind kind) {
    List<Capture> batch = pending.remove(kind);
    if (batch == null || batch.isEmpty()) {
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode objects = body.putObject(kind.listName()).putArray(kind.objectName());
    batch.forEach(c -> objects.add(c.json()));
    tally.requests.incrementAndGet();
    tally.sent.addAndGet(batch.size());
    tally.hotSent.addAndGet(batch.stream().filter(Capture::isHot).count());
    tally.misreadSent.addAndGet(batch.stream().filter(Capture::isMisread).count());
    try {
      Exchange answer = client.post(kind.path(), JSON.writeValueAsString(body));
      latency.record(answer.latency());
      if (answer.authRejected()) {
        noVerdict(batch, "HTTP 401 (device not registered)");
        session.lost(false);
      } else if (answer.status() != 200) {
        noVerdict(batch, "HTTP " + answer.status() + reasonIn(answer.body()));
      } else {
        verdicts(batch, ResponseStatus.parse(answer.body()));
      }
    } catch (IOException e) {
      noVerdict(batch, "no answer (" + e.getClass().getSimpleName() + ")");
      session.lost(true);
    } catch (IllegalArgumentException e) {
      noVerdict(batch, "unreadable answer");
      log.warn("unreadable answer to {} objects: {}", batch.size(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  private void verdicts(List<Capture> batch, List<ResponseStatus> statuses) {
    Map<String, ResponseStatus> byId = new HashMap<>();
    statuses.forEach(s -> byId.putIfAbsent(s.id(), s));
    boolean byPosition = statuses.size() == batch.size();
    boolean one = statuses.size() == 1;
    for (int i = 0; i < batch.size(); i++) {
      Capture capture = batch.get(i);
      ResponseStatus status = byId.get(capture.id());
      if (status == null) {
        status = byPosition ? statuses.get(i) : one ? statuses.get(0) : null;
      }
      if (status == null) {
        noVerdict(List.of(capture), "no status for the object");
        continue;
      }
      if (status.isOk()) {
        tally.ok.incrementAndGet();
      } else {
        tally.refused(status);
      }
      ResponseStatus verdict = status;
      tell(l -> l.answered(capture, verdict));
    }
    if (!statuses.isEmpty() && statuses.stream().allMatch(ViidSimulator::saysNotRegistered)) {
      session.lost(false);
    }
  }

  /** {@code ": <StatusString>"} when an error answer carries a status object, else empty. */
  private static String reasonIn(String body) {
    try {
      List<ResponseStatus> statuses = ResponseStatus.parse(body);
      return statuses.isEmpty() ? "" : ": " + statuses.get(0).statusString();
    } catch (IllegalArgumentException notAStatus) {
      return "";
    }
  }

  /** A platform's way of saying "register first": code 4 with a reason that mentions it. */
  private static boolean saysNotRegistered(ResponseStatus status) {
    return status.statusCode() == ResponseStatus.INVALID_OPERATION
        && status.statusString().toLowerCase(Locale.ROOT).contains("regist");
  }

  private void noVerdict(List<Capture> batch, String reason) {
    for (Capture capture : batch) {
      tally.unanswered(reason);
      tell(l -> l.unanswered(capture, reason));
    }
  }

  private void waitUntil(Instant until, Instant now) {
    long millis = until == null ? 1000 : Duration.between(now, until).toMillis();
    millis = Math.max(1, Math.min(1000, millis));
    synchronized (wake) {
      if (stopping) {
        return;
      }
      try {
        wake.wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    return b == null || a.isBefore(b) ? a : b;
  }

  /** Runs a blocking step; an interrupt stops the run. */
  private boolean call(BlockingStep step) {
    try {
      return step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
      return false;
    }
  }

  private interface BlockingStep {
    boolean run() throws InterruptedException;
  }

  private void tell(Consumer<ViidListener> call) {
    try {
      call.accept(listener);
    } catch (RuntimeException e) {
      log.warn("the listener failed: {}", e.toString());
    }
  }
}
