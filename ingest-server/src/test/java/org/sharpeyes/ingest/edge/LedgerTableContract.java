package org.sharpeyes.ingest.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.pipeline.StoredEventListener.Stored;
import org.sharpeyes.ingest.store.BatchWriter;
import org.sharpeyes.ingest.store.DeadLetterStore;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * The seq ledgers kept in {@code edge_ledgers}, in the transactions that store the events, resume
 * after a restart exactly as a scan of the events rebuilds them. Subclasses provide a freshly
 * migrated database.
 */
abstract class LedgerTableContract {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

  private TestDatabase database;
  private BatchWriter writer;
  private EdgeSequences live = sequences(100, 100);
  private int arrivals;

  /** Fails the next transaction holding more than one event after the ledger wrote in it. */
  private boolean failNextBatch;

  abstract TestDatabase openDatabase();

  @BeforeEach
  void open() {
    database = openDatabase();
    var ds = database.dataSource();
    writer = new BatchWriter(ds, new EventStore(ds), new DeadLetterStore(ds));
  }

  @AfterEach
  void close() throws Exception {
    database.close();
  }

  private static EdgeSequences sequences(int maxEdges, int maxGaps) {
    return new EdgeSequences(maxEdges, maxGaps, new IngestMetrics(new SimpleMeterRegistry()));
  }

  /** One event of {@code edgeId} numbered {@code seq}, received after all before it. */
  private Stored event(String edgeId, long seq) {
    Instant receivedAt = T0.plusMillis(arrivals++);
    EdgeEvent e =
        TestEvents.numbered(
            edgeId, seq, UUID.randomUUID().toString(), "湘J12345", receivedAt.minusSeconds(1));
    return new Stored(e, receivedAt);
  }

  private List<Stored> events(String edgeId, long... seqs) {
    List<Stored> list = new ArrayList<>();
    for (long seq : seqs) {
      list.add(event(edgeId, seq));
    }
    return list;
  }

  /** Stores {@code batch} as the ingest worker does, the live ledger writing in its transaction. */
  private void store(List<Stored> batch, boolean withLedger) throws SQLException {
    List<EventRow> rows = new ArrayList<>();
    for (Stored s : batch) {
      rows.add(
          new EventRow(
              s.event().id(),
              "vehicle.sighted",
              s.event().edgeId(),
              s.event().deviceId(),
              s.event().seq(),
              s.event().time(),
              s.receivedAt(),
              null,
              "{}"));
    }
    BatchWriter.Companion companion =
        new BatchWriter.Companion() {
          @Override
          public Runnable write(Connection c, List<Integer> fresh) throws SQLException {
            if (!withLedger) {
              return () -> {};
            }
            Runnable after = live.inTransaction(c, fresh.stream().map(batch::get).toList());
            if (failNextBatch && fresh.size() > 1) {
              failNextBatch = false;
              throw new SQLException("another listener's row refused", "23514");
            }
            return after;
          }

          @Override
          public void abandoned(int index, Exception cause) {
            throw new AssertionError("abandoned " + index, cause);
          }
        };
    BatchWriter.Batch b = new BatchWriter.Batch(rows, List.of(), List.of(), companion);
    writer.write(b);
    assertThat(b.complete()).isTrue();
    b.committed().forEach(Runnable::run);
  }

  private void arrive(String edgeId, long... seqs) throws SQLException {
    store(events(edgeId, seqs), true);
  }

  private EdgeSequences recover(int maxEdges, int maxGaps, boolean fromTable) throws Exception {
    EdgeSequences recovered = sequences(maxEdges, maxGaps);
    SequenceRecovery.Result result =
        new SequenceRecovery(database.dataSource(), Clock.systemUTC()).recoverInto(recovered);
    assertThat(result.resumed()).as("resumed from edge_ledgers").isEqualTo(fromTable);
    return recovered;
  }

  /** What a server that scans the events rebuilds (the rows are deleted, then rewritten). */
  private EdgeSequences scanned() throws Exception {
    database.execute("DELETE FROM edge_ledgers");
    return recover(100, 100, false);
  }

  private static List<SequenceReport> withoutReorders(EdgeSequences sequences) {
    return sequences.all(1_000).stream()
        .map(
            r ->
                new SequenceReport(
                    r.edgeId(),
                    r.eventsStored(),
                    r.lastEventAt(),
                    r.epoch(),
                    r.epochStartedAt(),
                    r.lastSeq(),
                    r.missingSeqs(),
                    r.gaps(),
                    r.gapsTruncated(),
                    r.missingInEarlierEpochs(),
                    0))
        .toList();
  }

  @Test
  void ledgersResumedFromTheirRowsAreTheOnesAScanOfTheEventsRebuilds() throws Exception {
    arrive("edge-gaps", 2, 3, 7);
    arrive("edge-gaps", 5, 10);
    arrive("edge-steady", 1, 2, 3);
    arrive("edge-restarted", 1, 2, 4, 5);
    List<Stored> mixed = events("edge-gaps", 11);
    mixed.addAll(events("edge-restarted", 1, 2));
    mixed.addAll(events("edge-unsequenced", 0, 0));
    store(mixed, true);
    arrive("edge-restarted", 6);

    EdgeSequences resumed = recover(100, 100, true);

    assertThat(withoutReorders(resumed)).isEqualTo(withoutReorders(live));
    assertThat(withoutReorders(resumed)).isEqualTo(withoutReorders(scanned()));
    SequenceReport gaps = resumed.report("edge-gaps", 20).orElseThrow();
    assertThat(gaps.gaps())
        .containsExactly(
            new SequenceGap(1, 1),
            new SequenceGap(4, 4),
            new SequenceGap(6, 6),
            new SequenceGap(8, 9));
    SequenceReport restarted = resumed.report("edge-restarted", 20).orElseThrow();
    assertThat(restarted.epoch()).isEqualTo(2);
    assertThat(restarted.missingInEarlierEpochs()).isEqualTo(1);
    assertThat(restarted.gaps()).containsExactly(new SequenceGap(3, 5));
    assertThat(resumed.report("edge-unsequenced", 20).orElseThrow().eventsStored()).isEqualTo(2);
  }

  @Test
  void batchRolledBackAndStoredEventByEventLeavesTheLedgerAsIfStoredAtOnce() throws Exception {
    arrive("edge-1", 1, 2, 5);
    failNextBatch = true;
    List<Stored> retried = events("edge-1", 3, 9, 1);
    retried.addAll(events("edge-2", 4, 5));
    store(retried, true);
    arrive("edge-1", 10);
    arrive("edge-2", 7);

    EdgeSequences resumed = recover(100, 100, true);

    assertThat(withoutReorders(resumed)).isEqualTo(withoutReorders(live));
    assertThat(withoutReorders(resumed)).isEqualTo(withoutReorders(scanned()));
    SequenceReport edge1 = resumed.report("edge-1", 20).orElseThrow();
    assertThat(edge1.eventsStored()).isEqualTo(7);
    assertThat(edge1.epoch()).isEqualTo(2); // seq 1 came again: a new numbering
    assertThat(resumed.report("edge-2", 20).orElseThrow().gaps())
        .containsExactly(new SequenceGap(1, 3), new SequenceGap(6, 6));
  }

  @Test
  void databaseFromBeforeTheLedgerTableIsScannedOnceAndResumedAfterwards() throws Exception {
    store(events("edge-old", 1, 3, 4), false);
    store(events("edge-old", 1), false);

    EdgeSequences scanned = recover(100, 100, false);
    EdgeSequences resumed = recover(100, 100, true);

    assertThat(withoutReorders(resumed)).isEqualTo(withoutReorders(scanned));
    assertThat(resumed.report("edge-old", 20).orElseThrow().epoch()).isEqualTo(2);
  }

  @Test
  void ledgerResumedAtStartGoesOnFromItsRowAfterTheRestart() throws Exception {
    arrive("edge-1", 1, 2, 4);
    live = recover(100, 100, true);

    arrive("edge-1", 3, 6);

    assertThat(live.report("edge-1", 20).orElseThrow().gaps())
        .containsExactly(new SequenceGap(5, 5));
    assertThat(withoutReorders(recover(100, 100, true))).isEqualTo(withoutReorders(live));
  }

  @Test
  void rowThatIsNotALedgerMakesTheServerScanTheEventsInstead() throws Exception {
    arrive("edge-1", 1, 3);
    database.execute("UPDATE edge_ledgers SET gaps = '2-x'");

    EdgeSequences recovered = recover(100, 100, false);

    assertThat(recovered.report("edge-1", 20).orElseThrow().gaps())
        .containsExactly(new SequenceGap(2, 2));
    assertThat(withoutReorders(recover(100, 100, true))).isEqualTo(withoutReorders(recovered));
  }

  @Test
  void gapsNoLongerListedResumeAsTheyWereLive() throws Exception {
    live = sequences(100, 2);
    arrive("edge-1", 2, 4, 6, 8, 10);
    arrive("edge-1", 1);

    EdgeSequences resumed = recover(100, 2, true);

    assertThat(withoutReorders(resumed)).isEqualTo(withoutReorders(live));
    SequenceReport r = resumed.report("edge-1", 20).orElseThrow();
    assertThat(r.missingSeqs()).isEqualTo(4);
    assertThat(r.gaps()).containsExactly(new SequenceGap(7, 7), new SequenceGap(9, 9));
    assertThat(r.gapsTruncated()).isTrue();
  }

  @Test
  void pastMaxEdgesTheEdgesHeardFromMostRecentlyResume() throws Exception {
    arrive("edge-old", 1);
    arrive("edge-newer", 1);
    arrive("edge-newest", 1);

    assertThat(recover(2, 100, true).all(20))
        .extracting(SequenceReport::edgeId)
        .containsExactly("edge-newer", "edge-newest");
  }

  @Test
  void edgesPastMaxEdgesGetNoRow() throws Exception {
    live = sequences(1, 100);
    arrive("edge-a", 1);
    arrive("edge-b", 1, 2);

    assertThat(recover(100, 100, true).all(20))
        .extracting(SequenceReport::edgeId)
        .containsExactly("edge-a");
  }
}
