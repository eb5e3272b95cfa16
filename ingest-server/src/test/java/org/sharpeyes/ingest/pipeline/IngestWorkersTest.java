package org.sharpeyes.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.IngestConfig;
import org.sharpeyes.ingest.config.StoreConfig;
import org.sharpeyes.ingest.edge.EdgePresence;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.store.BatchWriter;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.DeadLetterStore;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.store.SnapshotCache;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.testing.MutableClock;
import org.sharpeyes.schema.topic.Topics;

/** Several workers, each on its share of the edges, in front of listeners that hear in turns. */
class IngestWorkersTest {

  private static final int EVENTS_PER_EDGE = 60;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final EventCodec codec = new EventCodec();
  private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
  private final IntakeQueues queues = new IntakeQueues(2, 2_000);
  private final List<InboundMessage> acked = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final List<IngestWorker> workers = new ArrayList<>();
  private final Database database =
      Database.open(
          new StoreConfig("jdbc:h2:mem:workers-" + UUID.randomUUID(), Credentials.NONE, 4), null);

  @AfterEach
  void stop() throws Exception {
    for (IngestWorker w : workers) {
      w.stop(Duration.ofSeconds(5));
    }
    threads.shutdownNow();
    database.close();
  }

  /** Records, per edge, the seqs it heard, and how many batches it was in at once. */
  private static final class TurnRecorder implements TransactionalListener {
    final Map<String, List<Long>> seqsByEdge = new ConcurrentHashMap<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public Runnable inTransaction(Connection c, List<Stored> batch) {
      mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
      threads.add(Thread.currentThread().getName());
      for (Stored s : batch) {
        seqsByEdge
            .computeIfAbsent(s.event().edgeId(), e -> new CopyOnWriteArrayList<>())
            .add(s.event().seq());
      }
      return inside::decrementAndGet;
    }

    @Override
    public void onStored(org.sharpeyes.schema.event.EdgeEvent event, Instant receivedAt) {}
  }

  private void startWorkers(StoredEventListener listener) {
    ReentrantLock turn = new ReentrantLock();
    BatchWriter writer =
        new BatchWriter(
            database.dataSource(),
            new EventStore(database.dataSource()),
            new DeadLetterStore(database.dataSource()));
    MessageTriage triage = new MessageTriage(codec, IngestConfig.defaults(), clock, metrics);
    for (int i = 0; i < queues.partitions(); i++) {
      IngestWorker w =
          new IngestWorker(
              queues.partition(i),
              triage,
              writer,
              new SnapshotCache(1 << 20, metrics::snapshotEvicted),
              new EdgePresence(100),
              acked::add,
              List.of(listener),
              metrics,
              clock,
              20,
              1024,
              turn);
      workers.add(w);
      w.start(threads);
    }
  }

  /** Edges spread over both partitions. */
  private List<String> edgesOnBothPartitions() {
    List<String> edges = new ArrayList<>();
    Set<Integer> partitions = new java.util.HashSet<>();
    for (int i = 0; edges.size() < 6 || partitions.size() < 2; i++) {
      String edge = "edge-" + i;
      edges.add(edge);
      partitions.add(queues.partitionOf(Topics.status(edge)));
    }
    return edges;
  }

  @Test
  void twoWorkersStoreEveryEventOnceAndTheListenersHearEachEdgeInOrderOneBatchAtATime()
      throws Exception {
    List<String> edges = edgesOnBothPartitions();
    for (int seq = 1; seq <= EVENTS_PER_EDGE; seq++) {
      for (String edge : edges) {
        byte[] payload =
            codec.encode(
                TestEvents.numbered(edge, seq, edge + "-" + seq, "湘J12345", clock.instant()));
        queues.offer(
            new InboundMessage(
                Topics.events(edge, EventType.VEHICLE_SIGHTED),
                payload,
                seq,
                1,
                1,
                clock.instant()),
            1,
            TimeUnit.SECONDS);
      }
    }
    TurnRecorder recorder = new TurnRecorder();

    startWorkers(recorder);

    int all = edges.size() * EVENTS_PER_EDGE;
    await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() == all);
    EventStore store = new EventStore(database.dataSource());
    for (String edge : edges) {
      assertThat(store.countById(edge + "-1")).isEqualTo(1);
      assertThat(recorder.seqsByEdge.get(edge))
          .as("seqs heard for %s", edge)
          .isSorted()
          .hasSize(EVENTS_PER_EDGE);
    }
    assertThat(recorder.threads).as("threads that wrote").hasSize(2);
    assertThat(recorder.mostAtOnce.get()).as("batches heard at once").isEqualTo(1);
  }
}
