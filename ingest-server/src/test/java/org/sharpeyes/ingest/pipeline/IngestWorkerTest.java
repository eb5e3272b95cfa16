package org.sharpeyes.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.IngestConfig;
import org.sharpeyes.ingest.config.StoreConfig;
import org.sharpeyes.ingest.edge.EdgePresence;
import org.sharpeyes.ingest.edge.EdgeSequences;
import org.sharpeyes.ingest.edge.SequenceReport;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.store.BatchWriter;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.DeadLetterStore;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.store.SnapshotCache;
import org.sharpeyes.ingest.testing.SwitchableDataSource;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.testing.MutableClock;
import org.sharpeyes.schema.topic.Topics;

class IngestWorkerTest {

  private final MutableClock clock = new MutableClock(Instant.now());
  private final EventCodec codec = new EventCodec();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(registry);
  private final BlockingQueue<InboundMessage> queue = new ArrayBlockingQueue<>(100);
  private final List<InboundMessage> acked = new CopyOnWriteArrayList<>();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private Database database;
  private SwitchableDataSource dataSource;
  private EventStore events;
  private IngestWorker worker;

  @BeforeEach
  void start() {
    String url = "jdbc:h2:mem:worker-" + UUID.randomUUID() + "";
    database = Database.open(new StoreConfig(url, Credentials.NONE, 2), null);
    dataSource = new SwitchableDataSource(database.dataSource());
    events = new EventStore(database.dataSource());
  }

  private void startWorker(StoredEventListener... listeners) {
    worker =
        new IngestWorker(
            queue,
            new MessageTriage(codec, IngestConfig.defaults(), clock, metrics),
            new BatchWriter(
                dataSource, new EventStore(dataSource), new DeadLetterStore(dataSource)),
            new SnapshotCache(1 << 20, metrics::snapshotEvicted),
            new EdgePresence(10),
            acked::add,
            List.of(listeners),
            metrics,
            clock,
            50,
            1024,
            new ReentrantLock());
    worker.start(executor);
  }

  @AfterEach
  void stop() throws Exception {
    worker.stop(Duration.ofSeconds(5));
    executor.shutdownNow();
    database.close();
  }

  private InboundMessage event(String id) {
    return event(id, 1, clock.instant());
  }

  private InboundMessage event(String id, long seq, Instant time) {
    byte[] payload = codec.encode(TestEvents.numbered(TestEvents.EDGE, seq, id, "湘J12345", time));
    return new InboundMessage(
        Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED),
        payload,
        1,
        1,
        1,
        clock.instant());
  }

  private double counter(String name) {
    var c = registry.find(name).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void nothingIsAcknowledgedWhileTheStoreIsDownAndEverythingOnceItIsBack() throws Exception {
    dataSource.down();
    startWorker();
    queue.put(event("a"));
    queue.put(event("b"));

    await().until(() -> counter("sharpeyes.ingest.store.failures") >= 2);
    assertThat(acked).isEmpty();
    assertThat(worker.storeHealthy()).isFalse();

    dataSource.up();

    await().until(() -> acked.size() == 2);
    assertThat(events.countById("a")).isEqualTo(1);
    assertThat(events.countById("b")).isEqualTo(1);
    assertThat(worker.storeHealthy()).isTrue();
  }

  @Test
  void listenersHearFirstTimeStoresOnlyNotDuplicates() throws Exception {
    startWorker((event, receivedAt) -> heard.add(event.id()));
    queue.put(event("x"));
    queue.put(event("x"));
    queue.put(event("y"));

    await().until(() -> acked.size() == 3);

    assertThat(heard).containsExactly("x", "y");
    assertThat(counter("sharpeyes.ingest.duplicate")).isEqualTo(1);
  }

  @Test
  void aByteIdenticalCopyOfAStoredEventIsAcknowledgedAsADuplicateWithoutBeingDecodedAgain()
      throws Exception {
    startWorker((event, receivedAt) -> heard.add(event.id()));
    InboundMessage original = event("x");
    queue.put(original);
    await().until(() -> acked.size() == 1);

    queue.put(original);
    queue.put(event("y"));

    await().until(() -> acked.size() == 3);
    assertThat(heard).containsExactly("x", "y");
    assertThat(events.countById("x")).isEqualTo(1);
    assertThat(counter("sharpeyes.ingest.duplicate")).isEqualTo(1);
    assertThat(counter("sharpeyes.ingest.duplicate.recognised")).isEqualTo(1);
  }

  @Test
  void anotherMessageUnderTheIdOfAStoredEventIsJudgedInFullAndTheStoreCallsItADuplicate()
      throws Exception {
    startWorker((event, receivedAt) -> heard.add(event.id()));
    queue.put(event("x", 1, clock.instant()));
    await().until(() -> acked.size() == 1);

    queue.put(event("x", 1, clock.instant().minusSeconds(1)));

    await().until(() -> acked.size() == 2);
    assertThat(heard).containsExactly("x");
    assertThat(counter("sharpeyes.ingest.duplicate")).isEqualTo(1);
    assertThat(counter("sharpeyes.ingest.duplicate.recognised")).isZero();
  }

  @Test
  void failingListenerIsCountedAndDoesNotHoldBackTheAckOrTheOtherListeners() throws Exception {
    StoredEventListener broken =
        (event, receivedAt) -> {
          throw new IllegalStateException("boom");
        };
    startWorker(broken, (event, receivedAt) -> heard.add(event.id()));
    queue.put(event("z"));

    await().until(() -> acked.size() == 1);

    assertThat(heard).containsExactly("z");
    assertThat(
            registry
                .get("sharpeyes.ingest.listener.failures")
                .tag("listener", "listener-1")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void rejectedMessageIsDeadLetteredCountedAndAcknowledged() throws Exception {
    startWorker();
    InboundMessage bad =
        new InboundMessage(
            Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED),
            "{oops".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            9,
            1,
            1,
            Instant.now());
    queue.put(bad);

    await().until(() -> acked.contains(bad));

    assertThat(new DeadLetterStore(database.dataSource()).countByReason("malformed-json"))
        .isEqualTo(1);
    assertThat(
            registry
                .get("sharpeyes.ingest.rejected")
                .tag("reason", "malformed-json")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void redeliveredEventLeavesItsEdgesSequenceAsItWas() throws Exception {
    EdgeSequences sequences = new EdgeSequences(10, 100, metrics);
    startWorker(sequences);
    Instant t = clock.instant();
    queue.put(event("s1", 1, t));
    queue.put(event("s2", 2, t));
    await().until(() -> acked.size() == 2);
    SequenceReport before = sequences.report(TestEvents.EDGE, 20).orElseThrow();

    queue.put(event("s1", 1, t));
    queue.put(event("s2", 2, t));
    await().until(() -> acked.size() == 4);

    assertThat(sequences.report(TestEvents.EDGE, 20)).contains(before);
    assertThat(before.lastSeq()).isEqualTo(2);
    assertThat(before.eventsStored()).isEqualTo(2);
    assertThat(before.epoch()).isEqualTo(1);
    assertThat(counter("sharpeyes.ingest.duplicate")).isEqualTo(2);
  }

  @Test
  void eventRedeliveredAfterItGrewTooOldIsADuplicateWhileAnUnstoredOneIsDeadLettered()
      throws Exception {
    startWorker();
    Instant seen = clock.instant();
    queue.put(event("kept", 1, seen));
    await().until(() -> acked.size() == 1);

    clock.advance(IngestConfig.DEFAULT_MAX_EVENT_AGE.plusHours(1));
    queue.put(event("kept", 1, seen));
    queue.put(event("never-stored", 2, seen));
    await().until(() -> acked.size() == 3);

    DeadLetterStore letters = new DeadLetterStore(database.dataSource());
    assertThat(letters.countByReason("too-old")).isEqualTo(1);
    assertThat(counter("sharpeyes.ingest.duplicate")).isEqualTo(1);
    assertThat(registry.get("sharpeyes.ingest.rejected").tag("reason", "too-old").counter().count())
        .isEqualTo(1);
    assertThat(events.countById("kept")).isEqualTo(1);
    assertThat(events.countById("never-stored")).isZero();
  }

  /** Writes one row per event it hears (a dead letter with reason "effect"), like alerts. */
  private final class RowPerEvent implements TransactionalListener {
    volatile boolean failing;

    @Override
    public Runnable inTransaction(java.sql.Connection c, List<Stored> batch)
        throws java.sql.SQLException {
      if (failing) {
        throw new java.sql.SQLException("connection reset", "08006");
      }
      for (Stored s : batch) {
        try (var ps =
            c.prepareStatement(
                "INSERT INTO dead_letters (received_at, topic, reason, detail, payload_size)"
                    + " VALUES (CURRENT_TIMESTAMP, ?, 'effect', '', 0)")) {
          ps.setString(1, s.event().id());
          ps.executeUpdate();
        }
      }
      return () -> batch.forEach(s -> heard.add(s.event().id()));
    }

    @Override
    public void onStored(org.sharpeyes.schema.event.EdgeEvent event, Instant receivedAt) {
      heard.add("outside the transaction: " + event.id());
    }
  }

  @Test
  void eventIsNotStoredNorAcknowledgedUntilWhatItCausesCanBeStoredWithIt() throws Exception {
    RowPerEvent effects = new RowPerEvent();
    effects.failing = true;
    startWorker(effects);
    queue.put(event("e"));

    await().until(() -> counter("sharpeyes.ingest.store.failures") >= 2);
    assertThat(events.countById("e")).isZero();
    assertThat(acked).isEmpty();

    effects.failing = false;

    await().until(() -> acked.size() == 1);
    assertThat(events.countById("e")).isEqualTo(1);
    assertThat(new DeadLetterStore(database.dataSource()).countByReason("effect")).isEqualTo(1);
    assertThat(heard).containsExactly("e");
  }
}
