package org.sharpeyes.ingest.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.metrics.IngestMetrics;

class EdgeSequencesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final String EDGE = "edge-1";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private EdgeSequences sequences = new EdgeSequences(10, 100, new IngestMetrics(registry));
  private int arrivals;

  private void arrive(String edgeId, long... seqs) {
    for (long seq : seqs) {
      sequences.record(edgeId, seq, T0.plus(Duration.ofSeconds(arrivals++)));
    }
  }

  private SequenceReport report() {
    return sequences.report(EDGE, 20).orElseThrow();
  }

  private double counter(String name) {
    var c = registry.find(name).counter();
    return c == null ? 0 : c.count();
  }

  private double gapsGauge(String edgeId) {
    return registry.get(IngestMetrics.SEQ_GAPS).tag("edge", edgeId).gauge().value();
  }

  @Test
  void seqsInOrderLeaveNoGap() {
    arrive(EDGE, 1, 2, 3);

    SequenceReport r = report();
    assertThat(r.lastSeq()).isEqualTo(3);
    assertThat(r.eventsStored()).isEqualTo(3);
    assertThat(r.missingSeqs()).isZero();
    assertThat(r.gaps()).isEmpty();
    assertThat(r.epoch()).isEqualTo(1);
    assertThat(r.epochStartedAt()).isEqualTo(T0);
    assertThat(r.lastEventAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(gapsGauge(EDGE)).isZero();
  }

  @Test
  void skippedSeqsShowAsOneGapInTheReportAndTheGaugeOfTheirEdge() {
    arrive(EDGE, 1, 2, 5);
    arrive("edge-2", 1);

    SequenceReport r = report();
    assertThat(r.lastSeq()).isEqualTo(5);
    assertThat(r.missingSeqs()).isEqualTo(2);
    assertThat(r.gaps()).containsExactly(new SequenceGap(3, 4));
    assertThat(r.gapsTruncated()).isFalse();
    assertThat(gapsGauge(EDGE)).isEqualTo(2);
    assertThat(gapsGauge("edge-2")).isZero();
  }

  @Test
  void lateArrivalFillsItsGapAndCountsAsReordered() {
    arrive(EDGE, 1, 2, 5, 4);

    assertThat(report().gaps()).containsExactly(new SequenceGap(3, 3));
    assertThat(report().reordered()).isEqualTo(1);

    arrive(EDGE, 3);

    SequenceReport r = report();
    assertThat(r.gaps()).isEmpty();
    assertThat(r.missingSeqs()).isZero();
    assertThat(r.lastSeq()).isEqualTo(5);
    assertThat(r.epoch()).isEqualTo(1);
    assertThat(r.reordered()).isEqualTo(2);
    assertThat(counter("sharpeyes.ingest.seq.reordered")).isEqualTo(2);
    assertThat(gapsGauge(EDGE)).isZero();
  }

  @Test
  void lateArrivalInsideAGapSplitsIt() {
    arrive(EDGE, 1, 10, 5);

    assertThat(report().gaps()).containsExactly(new SequenceGap(2, 4), new SequenceGap(6, 9));
    assertThat(report().missingSeqs()).isEqualTo(7);
  }

  @Test
  void firstSeqsNeverStoredAreAGapFromOne() {
    arrive(EDGE, 4, 5);

    assertThat(report().gaps()).containsExactly(new SequenceGap(1, 3));
  }

  @Test
  void edgeThatNumbersAfreshStartsANewEpochInsteadOfAHugeGapOrLateEvents() {
    arrive(EDGE, 1, 2, 3, 5, 1000);
    assertThat(report().missingSeqs()).isEqualTo(995);

    arrive(EDGE, 1, 2);

    SequenceReport r = report();
    assertThat(r.epoch()).isEqualTo(2);
    assertThat(r.epochStartedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(r.lastSeq()).isEqualTo(2);
    assertThat(r.missingSeqs()).isZero();
    assertThat(r.gaps()).isEmpty();
    assertThat(r.missingInEarlierEpochs()).isEqualTo(995);
    assertThat(r.eventsStored()).isEqualTo(7);
    assertThat(r.reordered()).isZero();
    assertThat(counter("sharpeyes.ingest.seq.restarts")).isEqualTo(1);
    assertThat(gapsGauge(EDGE)).isEqualTo(995);
  }

  @Test
  void eventWithoutASeqIsCountedButNotTracked() {
    arrive(EDGE, 0, 0);

    SequenceReport r = report();
    assertThat(r.eventsStored()).isEqualTo(2);
    assertThat(r.epoch()).isZero();
    assertThat(r.lastSeq()).isZero();
    assertThat(r.missingSeqs()).isZero();
  }

  @Test
  void gapsBeyondTheBoundAreNoLongerListedButStayMissingAndCanStillBeFilled() {
    sequences = new EdgeSequences(10, 2, new IngestMetrics(registry));
    arrive(EDGE, 1, 3, 5, 7);

    SequenceReport r = report();
    assertThat(r.gaps()).containsExactly(new SequenceGap(4, 4), new SequenceGap(6, 6));
    assertThat(r.missingSeqs()).isEqualTo(3);
    assertThat(r.gapsTruncated()).isTrue();
    assertThat(counter("sharpeyes.ingest.seq.gap.ranges.dropped")).isEqualTo(1);

    arrive(EDGE, 2);

    assertThat(report().missingSeqs()).isEqualTo(2);
    assertThat(report().epoch()).isEqualTo(1);
    assertThat(report().gapsTruncated()).isFalse();
  }

  @Test
  void reportListsAtMostTheGapsAskedForAndSaysSo() {
    arrive(EDGE, 1, 3, 5, 7);

    SequenceReport r = sequences.report(EDGE, 2).orElseThrow();

    assertThat(r.gaps()).containsExactly(new SequenceGap(2, 2), new SequenceGap(4, 4));
    assertThat(r.missingSeqs()).isEqualTo(3);
    assertThat(r.gapsTruncated()).isTrue();
  }

  @Test
  void edgesBeyondMaxEdgesAreCountedAndNotTracked() {
    sequences = new EdgeSequences(2, 100, new IngestMetrics(registry));

    arrive("edge-a", 1);
    arrive("edge-b", 1);
    arrive("edge-c", 1, 3);

    assertThat(sequences.all(20))
        .extracting(SequenceReport::edgeId)
        .containsExactly("edge-a", "edge-b");
    assertThat(sequences.report("edge-c", 20)).isEmpty();
    assertThat(counter("sharpeyes.ingest.seq.untracked")).isEqualTo(2);
    assertThat(registry.find(IngestMetrics.SEQ_GAPS).gauges()).hasSize(2);
  }
}
