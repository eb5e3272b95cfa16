package org.sharpeyes.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sharpeyes.edge.outbox.DiskOutbox;
import org.sharpeyes.edge.outbox.OutboxConfig;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.edge.publish.MqttEventPublisher;
import org.sharpeyes.edge.publish.PublisherSetup;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backlog of a long uplink outage drains completely, in order, each event once: N events wait
 * in an edge's outbox while there is no broker; the agent restarts (the outbox is reopened), the
 * broker comes back and the publisher sends them all. The figures (fill rate, reopen time, drain
 * rate) are logged and added to {@code target/drain-report.txt}. It runs twice: against a broker
 * that saves its state every 30 s, and against one that saves after every change (as the chaos
 * test's does), which is what bounds the drain rate then.
 *
 * <p>CI runs 20,000 events. The long form is a one-hour outage of a busy checkpoint and more:
 * {@code ./mvnw -B -pl integration-tests verify -Dit.test=OutboxDrainIT -Ddrain.events=1000000}.
 */
class OutboxDrainIT {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainIT.class);
  private static final String EDGE = "edge-drain-01";
  private static final String DEVICE = "43070200001320000101";
  private static final int OFFERS_IN_FLIGHT = 256;

  private final EventCodec codec = new EventCodec();
  private final Clock clock = Clock.systemUTC();

  @ParameterizedTest(name = "broker saves on changes: {0}")
  @ValueSource(booleans = {false, true})
  void backlogOfAnOutageDrainsCompletelyInOrderAndOnceWhenTheBrokerIsBack(
      boolean brokerSavesOnChanges, @TempDir Path dir) throws Exception {
    assumeTrue(MosquittoChild.installed(), "needs " + MosquittoChild.EXECUTABLE);
    int events = Integer.getInteger("drain.events", 20_000);
    OutboxConfig config =
        OutboxConfig.at(dir.resolve("outbox.db"))
            .withBounds(
                Math.max(events, OutboxConfig.DEFAULT_MAX_EVENTS),
                Math.max(4L * events * 1024, OutboxConfig.DEFAULT_MAX_BYTES));

    long fillNanos = fill(config, events);
    long outboxBytes = Files.size(config.path()) + walSize(config.path());

    ExecutorService writerThread = Executors.newSingleThreadExecutor();
    ScheduledExecutorService publisherThread = Executors.newSingleThreadScheduledExecutor();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    long reopenStart = System.nanoTime();
    DiskOutbox outbox = DiskOutbox.open(EDGE, config, codec, clock, writerThread, meters);
    long reopenNanos = System.nanoTime() - reopenStart;
    assertThat(outbox.status().depth()).as("events waiting after the restart").isEqualTo(events);

    int port = freePort();
    Files.createDirectories(dir.resolve("logs"));
    try (MosquittoChild child =
            MosquittoChild.create(
                dir.resolve("mosquitto"), dir.resolve("logs"), port, brokerSavesOnChanges);
        AutoCloseable closeOutbox = outbox::close) {
      String external = System.getProperty("drain.broker", "");
      URI broker = external.isBlank() ? child.url() : URI.create(external);
      if (external.isBlank()) {
        child.start();
      }
      try (DrainSubscriber subscriber =
          DrainSubscriber.subscribe(broker, Topics.events(EDGE, EventType.VEHICLE_SIGHTED))) {
        MqttEventPublisher publisher =
            new MqttEventPublisher(
                new PublisherSetup(
                    EDGE,
                    "drain-test",
                    BrokerSettings.defaults(broker.toString(), EDGE),
                    BrokerCredentials.ANONYMOUS),
                outbox,
                codec,
                publisherThread,
                clock,
                new Random(7),
                meters);
        long drainStart = System.nanoTime();
        publisher.start();
        await("all " + events + " events at the subscriber")
            .atMost(Duration.ofSeconds(Math.max(120, events / 500)))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> subscriber.distinct() >= events);
        await("the outbox emptied by the broker's acknowledgements")
            .atMost(Duration.ofSeconds(30))
            .until(() -> outbox.status().depth() == 0);
        DrainSubscriber.Tally tally = subscriber.tally();
        publisher.close(Duration.ofSeconds(5));
        long drainNanos = tally.lastNewAtNanos() - drainStart;

        String brokerName =
            external.isBlank()
                ? "Mosquitto child, saves "
                    + (brokerSavesOnChanges
                        ? "every " + MosquittoChild.SAVE_EVERY_CHANGES + " changes"
                        : "every 30 s")
                : external;
        report(brokerName, events, fillNanos, outboxBytes, reopenNanos, drainNanos, tally);
        assertThat(tally.contiguousFrom1()).as("seq 1..n all arrived").isEqualTo(events);
        assertThat(tally.distinct()).as("distinct events").isEqualTo(events);
        assertThat(tally.outOfOrder()).as("events that overtook an earlier one").isZero();
        assertThat(tally.duplicates()).as("events sent twice with no reconnect").isZero();
        assertThat(tally.unreadable()).as("messages without a readable seq").isZero();
      }
    } finally {
      publisherThread.shutdownNow();
      writerThread.shutdownNow();
    }
  }

  /**
   * Offers {@code events} plate reads to a fresh outbox, as a busy reader would, then closes it.
   */
  private long fill(OutboxConfig config, int events) throws Exception {
    ExecutorService writerThread = Executors.newSingleThreadExecutor();
    EventIds ids = new EventIds(clock, new Random(11));
    Semaphore window = new Semaphore(OFFERS_IN_FLIGHT);
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long start = System.nanoTime();
    DiskOutbox outbox =
        DiskOutbox.open(EDGE, config, codec, clock, writerThread, new SimpleMeterRegistry());
    try {
      for (int i = 0; i < events; i++) {
        window.acquire();
        outbox
            .offer(read(ids.next(), i), null)
            .whenComplete(
                (r, e) -> {
                  (r instanceof SinkResult.Accepted ? accepted : refused).incrementAndGet();
                  window.release();
                });
      }
      window.acquire(OFFERS_IN_FLIGHT);
    } finally {
      outbox.close();
      writerThread.shutdown();
      writerThread.awaitTermination(30, TimeUnit.SECONDS);
    }
    assertThat(refused).as("offers refused while filling").hasValue(0);
    assertThat(accepted).as("offers accepted").hasValue(events);
    return System.nanoTime() - start;
  }

  private EdgeEvent read(String id, int i) {
    String plate = String.format(Locale.ROOT, "湘J%05d", i % 100_000);
    VehicleSighted data =
        new VehicleSighted(
            plate,
            plate,
            VehicleSighted.PlateColor.BLUE,
            null,
            "car",
            "white",
            "north",
            1 + i % 4,
            42.5,
            0.93,
            null);
    return new EdgeEvent(id, EDGE, DEVICE, 0, clock.instant(), data);
  }

  private void report(
      String broker,
      int events,
      long fillNanos,
      long outboxBytes,
      long reopenNanos,
      long drainNanos,
      DrainSubscriber.Tally tally)
      throws IOException {
    String text =
        String.format(
            Locale.ROOT,
            "outbox drain, %d events (broker %s, QoS 1, %d in flight)%n"
                + "  fill:    %.1f s, %.0f events/s (offers %d at a time, default sync policy)%n"
                + "  file:    %.1f MB on disk, %.0f bytes per event%n"
                + "  reopen:  %.2f s to open the outbox holding the backlog%n"
                + "  drain:   %.1f s, %.0f events/s from publisher start to the last event%n"
                + "  arrived: %d distinct, %d duplicates, %d out of order, seq 1..%d complete%n",
            events,
            broker,
            BrokerSettings.DEFAULT_MAX_IN_FLIGHT,
            fillNanos / 1e9,
            events / (fillNanos / 1e9),
            OFFERS_IN_FLIGHT,
            outboxBytes / 1e6,
            (double) outboxBytes / events,
            reopenNanos / 1e9,
            drainNanos / 1e9,
            events / (drainNanos / 1e9),
            tally.distinct(),
            tally.duplicates(),
            tally.outOfOrder(),
            tally.contiguousFrom1());
    LOG.info("\n{}", text);
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.writeString(
        target.resolve("drain-report.txt"),
        text,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static long walSize(Path db) throws IOException {
    Path wal = db.resolveSibling(db.getFileName() + "-wal");
    return Files.exists(wal) ? Files.size(wal) : 0;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
