package org.sharpeyes.it.chaos;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.sharpeyes.it.chaos.ChaosOutcome.EdgeTally;
import org.sharpeyes.it.chaos.ChaosSchedule.Target;
import org.sharpeyes.sims.plate.HotPlate;
import org.sharpeyes.sims.plate.PlateListFiles;
import org.sharpeyes.sims.plate.PlatePool;
import org.sharpeyes.sims.plate.PlateSimulator;
import org.sharpeyes.sims.plate.PlateSimulatorOptions;
import org.sharpeyes.sims.plate.SimulationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run: starts the cluster, feeds both edges from plate simulators while a {@link
 * ChaosMonkey} kills and restarts the broker, the ingest-server and one edge-agent, waits until
 * everything accepted has reached the store, stops the cluster cleanly and audits the store.
 */
final class ChaosRun {

  static final Path DEMO_CITY = Path.of("..", "config", "demo-city").toAbsolutePath().normalize();
  static final Path LOGS = Path.of("target", "chaos-logs").toAbsolutePath();
  static final double HOT_SHARE = 0.1;

  private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
  private static final Duration SCRAPE_EVERY = Duration.ofMillis(200);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  private static final int SETTLED_POLLS = 6;

  private ChaosRun() {}

  /**
   * @param store a label for logs and the summary
   * @param jdbcUrl the server's store, read again by the audit; empty for its default H2 file
   */
  static ChaosOutcome run(
      String store, ChaosSettings settings, Path dataDir, Optional<String> jdbcUrl)
      throws Exception {
    Path logDir = LOGS.resolve(store.toLowerCase() + "-" + Long.toUnsignedString(settings.seed()));
    Files.createDirectories(logDir);
    Random random = new Random(settings.seed());
    ChaosSchedule schedule = ChaosSchedule.plan(settings, random);
    int killedEdge = random.nextInt(ChaosCluster.EDGES.size());
    List<HotPlate> hot = hotPlates();
    Set<String> hotPlates = new HashSet<>(hot.stream().map(HotPlate::plate).toList());
    LOG.info(
        "chaos[{}]: {} reads at {}/s per edge; kills: {}; edge killed: {}; logs in {}; replay: {}",
        store,
        settings.events(),
        settings.ratePerEdge(),
        schedule.kills(),
        ChaosCluster.EDGES.get(killedEdge).edgeId(),
        logDir,
        settings.replay());

    ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(named("scrape"));
    ScheduledExecutorService timer =
        Executors.newScheduledThreadPool(Target.values().length, named("restart"));
    ExecutorService monkeys = Executors.newFixedThreadPool(Target.values().length, named("monkey"));
    try (ChaosCluster cluster = new ChaosCluster(dataDir, logDir, jdbcUrl, ChaosRun.DEMO_CITY)) {
      cluster.start();
      CounterWatch counters = watch(cluster);
      scraper.scheduleWithFixedDelay(
          counters::scrapeAll, 0, SCRAPE_EVERY.toMillis(), TimeUnit.MILLISECONDS);

      AtomicLong settled = new AtomicLong();
      List<AcceptedReads> reads = new ArrayList<>();
      for (EdgeAgentChild edge : cluster.edges) {
        reads.add(new AcceptedReads(edge.edgeId(), settled));
      }
      List<PlateSimulator> simulators = simulators(settings, cluster, reads, hot);
      Map<Target, ChildService> targets =
          Map.of(
              Target.BROKER, cluster.broker,
              Target.INGEST_SERVER, cluster.server,
              Target.EDGE_AGENT, cluster.edges.get(killedEdge));
      Duration patience = settings.sendingTime().multipliedBy(4).plusMinutes(3);

      long start = System.nanoTime();
      ChaosJournal journal = new ChaosJournal(start);
      List<CompletableFuture<SimulationReport>> reports =
          simulators.stream().map(PlateSimulator::start).toList();
      List<Future<Void>> chaos = new ArrayList<>();
      for (Target t : Target.values()) {
        ChaosMonkey monkey =
            new ChaosMonkey(
                targets.get(t), schedule.killsOf(t), settled::get, timer, patience, journal);
        chaos.add(
            monkeys.submit(
                () -> {
                  monkey.run();
                  return null;
                }));
      }
      List<SimulationReport> sent = new ArrayList<>();
      try {
        for (CompletableFuture<SimulationReport> r : reports) {
          sent.add(r.get(patience.toMillis(), TimeUnit.MILLISECONDS));
        }
        for (Future<Void> monkey : chaos) {
          monkey.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        }
      } finally {
        simulators.forEach(PlateSimulator::stop);
        chaos.forEach(monkey -> monkey.cancel(true));
      }
      Duration sending = Duration.ofNanos(System.nanoTime() - start);
      for (String line : journal.lines()) {
        LOG.info("chaos[{}]: {}", store, line);
      }

      boolean drained = awaitDrain(cluster, settings.drain());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      counters.scrapeAll();
      List<EdgeTally> tallies = tallies(cluster, sent, reads, killedEdge, counters);
      long duplicates = counters.total(cluster.server, "sharpeyes_ingest_duplicate_total");
      Map<String, Integer> kills = new LinkedHashMap<>();
      for (Target t : Target.values()) {
        kills.put(t.label, targets.get(t).kills());
      }

      scraper.shutdownNow();
      cluster.stop();
      String url =
          jdbcUrl.orElseGet(() -> IngestServerChild.h2Url(dataDir.resolve("ingest-server")));
      StoreAudit audit = StoreAudit.read(url, hotPlates);
      ChaosOutcome outcome =
          new ChaosOutcome(
              store,
              settings,
              tallies,
              kills,
              journal.lines(),
              journal.killsOf(cluster.broker.name()),
              journal.outagesOf(cluster.server.name()),
              duplicates,
              hotPlates,
              audit,
              drained,
              sending,
              elapsed);
      LOG.info(outcome.summary());
      Files.writeString(logDir.resolve("summary.txt"), outcome.summary() + "\n");
      return outcome;
    } finally {
      scraper.shutdownNow();
      timer.shutdownNow();
      monkeys.shutdownNow();
    }
  }

  /** One simulated plate reader per edge, each with its own seed, reporting to its listener. */
  private static List<PlateSimulator> simulators(
      ChaosSettings settings,
      ChaosCluster cluster,
      List<AcceptedReads> listeners,
      List<HotPlate> hot) {
    PlatePool pool = PlatePool.of(List.of(), hot);
    List<PlateSimulator> simulators = new ArrayList<>();
    for (int i = 0; i < cluster.edges.size(); i++) {
      simulators.add(
          PlateSimulator.builder(options(settings, cluster.edges.get(i), pool, settings.seed() + i))
              .listener(listeners.get(i))
              .build());
    }
    return simulators;
  }

  /** What each edge was sent and answered, and what the server and the edge say of its seq. */
  private static List<EdgeTally> tallies(
      ChaosCluster cluster,
      List<SimulationReport> sent,
      List<AcceptedReads> reads,
      int killedEdge,
      CounterWatch counters) {
    JsonNode serverEdges = cluster.server.edges().orElse(MissingNode.getInstance());
    List<EdgeTally> tallies = new ArrayList<>();
    for (int i = 0; i < cluster.edges.size(); i++) {
      EdgeAgentChild edge = cluster.edges.get(i);
      tallies.add(
          new EdgeTally(
              edge.edgeId(),
              sent.get(i).sent(),
              reads.get(i),
              i == killedEdge,
              edgeView(serverEdges, edge.edgeId()),
              edge.status().map(s -> s.path("outbox").path("lastSeq").asLong(-1)).orElse(-1L),
              counters.total(edge, "sharpeyes_edge_outbox_redelivered_total"),
              counters.total(edge, "sharpeyes_edge_outbox_dropped_total")));
    }
    return tallies;
  }

  private static PlateSimulatorOptions options(
      ChaosSettings settings, EdgeAgentChild edge, PlatePool pool, long seed) {
    return PlateSimulatorOptions.builder()
        .target(edge.plateEndpoint())
        .deviceId(edge.deviceId())
        .ratePerSecond(settings.ratePerEdge())
        .count(settings.eventsPerEdge())
        .seed(seed)
        .pool(pool)
        .hotShare(HOT_SHARE)
        .rawStyles(true)
        .requestTimeout(READ_TIMEOUT)
        .build();
  }

  /** Hotlist entries active now and key persons' vehicles: reads of these raise alerts. */
  private static List<HotPlate> hotPlates() {
    return Stream.concat(
            PlateListFiles.readHotlist(DEMO_CITY.resolve("plate-hotlist.csv"), Instant.now())
                .stream(),
            PlateListFiles.readKeyPersonPlates(DEMO_CITY.resolve("key-persons.csv")).stream())
        .toList();
  }

  private static CounterWatch watch(ChaosCluster cluster) {
    List<CounterWatch.Watched> watched = new ArrayList<>();
    watched.add(
        new CounterWatch.Watched(
            cluster.server,
            cluster.server::metrics,
            List.of("sharpeyes_ingest_duplicate_total", "sharpeyes_ingest_accepted_total")));
    for (EdgeAgentChild edge : cluster.edges) {
      watched.add(
          new CounterWatch.Watched(
              edge,
              edge::metrics,
              List.of(
                  "sharpeyes_edge_outbox_redelivered_total",
                  "sharpeyes_edge_outbox_dropped_total")));
    }
    return new CounterWatch(watched);
  }

  /**
   * Waits until every edge's outbox is empty, the server's queue is empty, it has stored up to each
   * edge's last {@code seq}, and either no {@code seq} is missing or what is missing has not
   * changed for {@link #SETTLED_POLLS} polls (a gap that nothing can fill any more: the assertions
   * then name it). Returns false at the timeout.
   */
  private static boolean awaitDrain(ChaosCluster cluster, Duration timeout) {
    AtomicReference<String> previous = new AtomicReference<>("");
    AtomicInteger unchanged = new AtomicInteger();
    try {
      await("every accepted event stored")
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                Optional<String> state = caughtUp(cluster);
                if (state.isEmpty()) {
                  unchanged.set(0);
                  return false;
                }
                boolean same = state.get().equals(previous.getAndSet(state.get()));
                int polls = same ? unchanged.incrementAndGet() : unchanged.getAndSet(0);
                return !state.get().contains("missing=") || polls >= SETTLED_POLLS;
              });
      return true;
    } catch (ConditionTimeoutException e) {
      LOG.warn("not drained after {}: {}", timeout, cluster.server.edges().orElse(null));
      return false;
    }
  }

  /**
   * What the server holds of each edge, when every outbox is empty, the server's queue is empty and
   * it has seen each edge's last {@code seq}; otherwise empty. Names missing seqs as {@code
   * missing=N}.
   */
  private static Optional<String> caughtUp(ChaosCluster cluster) {
    Optional<JsonNode> health = cluster.server.health();
    Optional<JsonNode> view = cluster.server.edges();
    if (health.isEmpty()
        || view.isEmpty()
        || health.get().path("queue").path("depth").asLong(-1) != 0) {
      return Optional.empty();
    }
    StringBuilder state = new StringBuilder();
    for (EdgeAgentChild edge : cluster.edges) {
      Optional<JsonNode> status = edge.status();
      JsonNode seen = edgeView(view.get(), edge.edgeId());
      if (status.isEmpty() || status.get().path("outbox").path("depth").asLong(-1) != 0) {
        return Optional.empty();
      }
      long lastSeq = status.get().path("outbox").path("lastSeq").asLong(-1);
      if (seen.path("lastSeq").asLong(-2) != lastSeq) {
        return Optional.empty();
      }
      long missing = seen.path("missingSeqs").asLong(-1);
      state.append(edge.edgeId()).append(" stored=").append(seen.path("eventsStored").asLong());
      state.append(missing == 0 ? "" : " missing=" + missing).append("; ");
    }
    return Optional.of(state.toString());
  }

  private static JsonNode edgeView(JsonNode edges, String edgeId) {
    for (JsonNode e : edges.path("edges")) {
      if (edgeId.equals(e.path("edgeId").asText())) {
        return e;
      }
    }
    return MissingNode.getInstance();
  }

  private static ThreadFactory named(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "chaos-" + role + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
