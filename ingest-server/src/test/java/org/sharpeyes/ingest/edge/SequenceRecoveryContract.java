package org.sharpeyes.ingest.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.ingest.store.EventStore;

/**
 * A restarted server rebuilds every edge's seq ledger from the events table, the same as the one it
 * had built live. Subclasses provide a freshly migrated database.
 */
abstract class SequenceRecoveryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

  private TestDatabase database;
  private EventStore events;
  private final EdgeSequences live =
      new EdgeSequences(100, 100, new IngestMetrics(new SimpleMeterRegistry()));
  private int arrivals;

  abstract TestDatabase openDatabase();

  @BeforeEach
  void open() {
    database = openDatabase();
    events = new EventStore(database.dataSource());
  }

  @AfterEach
  void close() throws Exception {
    database.close();
  }

  /** Stores events of {@code edgeId} in this order, and tells the live ledger, as ingest does. */
  private void arrive(String edgeId, long... seqs) throws Exception {
    for (long seq : seqs) {
      Instant receivedAt = T0.plusMillis(arrivals++);
      String id = UUID.randomUUID().toString();
      events.insert(
          new EventRow(
              id,
              "vehicle.sighted",
              edgeId,
              "43070200001320000101",
              seq,
              receivedAt.minusSeconds(1),
              receivedAt,
              null,
              "{}"));
      live.record(edgeId, seq, receivedAt);
    }
  }

  private EdgeSequences recover(int maxEdges) throws Exception {
    DataSource ds = database.dataSource();
    EdgeSequences recovered =
        new EdgeSequences(maxEdges, 100, new IngestMetrics(new SimpleMeterRegistry()));
    new SequenceRecovery(ds, Clock.systemUTC()).recoverInto(recovered);
    return recovered;
  }

  /** The same report without the reorder count, which counts from the server's start. */
  private static SequenceReport withoutReorders(SequenceReport r) {
    return new SequenceReport(
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
        0);
  }

  @Test
  void recoveredLedgerIsTheOneBuiltLive() throws Exception {
    arrive("edge-gaps", 2, 3, 7, 5, 10);
    arrive("edge-steady", 1, 2, 3);
    arrive("edge-restarted", 1, 2, 4, 5);
    arrive("edge-gaps", 11);
    arrive("edge-restarted", 1, 2, 6);
    arrive("edge-unsequenced", 0, 0);

    EdgeSequences recovered = recover(100);

    assertThat(recovered.all(20))
        .isEqualTo(live.all(20).stream().map(r -> withoutReorders(r)).toList());
    SequenceReport gaps = recovered.report("edge-gaps", 20).orElseThrow();
    assertThat(gaps.gaps())
        .containsExactly(
            new SequenceGap(1, 1),
            new SequenceGap(4, 4),
            new SequenceGap(6, 6),
            new SequenceGap(8, 9));
    assertThat(gaps.lastSeq()).isEqualTo(11);
    assertThat(gaps.eventsStored()).isEqualTo(6);
    assertThat(gaps.epochStartedAt()).isEqualTo(T0);
    SequenceReport restarted = recovered.report("edge-restarted", 20).orElseThrow();
    assertThat(restarted.epoch()).isEqualTo(2);
    assertThat(restarted.missingInEarlierEpochs()).isEqualTo(1);
    assertThat(restarted.gaps()).containsExactly(new SequenceGap(3, 5));
    assertThat(restarted.eventsStored()).isEqualTo(7);
    assertThat(recovered.report("edge-unsequenced", 20).orElseThrow().eventsStored()).isEqualTo(2);
  }

  @Test
  void lateEventAfterARestartOfTheServerFillsARecoveredGap() throws Exception {
    arrive("edge-1", 1, 2, 4);

    EdgeSequences recovered = recover(100);
    recovered.record("edge-1", 3, T0.plusSeconds(60));

    SequenceReport r = recovered.report("edge-1", 20).orElseThrow();
    assertThat(r.missingSeqs()).isZero();
    assertThat(r.epoch()).isEqualTo(1);
    assertThat(r.reordered()).isEqualTo(1);
  }

  @Test
  void pastMaxEdgesTheEdgesHeardFromMostRecentlyAreRecovered() throws Exception {
    arrive("edge-old", 1);
    arrive("edge-newer", 1);
    arrive("edge-newest", 1);

    EdgeSequences recovered = recover(2);

    assertThat(recovered.all(20))
        .extracting(SequenceReport::edgeId)
        .isEqualTo(List.of("edge-newer", "edge-newest"));
  }

  @Test
  void emptyEventsTableRecoversNoEdge() throws Exception {
    assertThat(recover(100).size()).isZero();
  }
}
