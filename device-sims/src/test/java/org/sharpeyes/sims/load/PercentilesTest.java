package org.sharpeyes.sims.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).toArray();

  @Test
  void nearestRankOfOneToHundredIsThePercentileItself() {
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 100, 50)).isEqualTo(50);
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 100, 95)).isEqualTo(95);
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 100, 99)).isEqualTo(99);
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 100, 100)).isEqualTo(100);
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 100, 0.1)).isEqualTo(1);
  }

  @Test
  void onlyTheFirstCountValuesAreUsed() {
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 10, 50)).isEqualTo(5);
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 10, 100)).isEqualTo(10);
  }

  @Test
  void aSingleValueIsEveryPercentile() {
    assertThat(Percentiles.nearestRank(new long[] {42}, 1, 50)).isEqualTo(42);
    assertThat(Percentiles.nearestRank(new long[] {42}, 1, 99)).isEqualTo(42);
  }

  @Test
  void p99OfFewValuesIsTheMaximumNotAnInterpolation() {
    long[] values = {1, 2, 3, 1000};
    assertThat(Percentiles.nearestRank(values, 4, 99)).isEqualTo(1000);
    assertThat(Percentiles.nearestRank(values, 4, 50)).isEqualTo(2);
  }

  @Test
  void emptyInputAndOutOfRangePercentilesAreRejected() {
    assertThatThrownBy(() -> Percentiles.nearestRank(new long[0], 0, 50))
        .hasMessageContaining("count");
    assertThatThrownBy(() -> Percentiles.nearestRank(ONE_TO_HUNDRED, 100, 0))
        .hasMessageContaining("(0, 100]");
    assertThatThrownBy(() -> Percentiles.nearestRank(ONE_TO_HUNDRED, 100, 101))
        .hasMessageContaining("(0, 100]");
  }

  @Test
  void summarySortsUnsortedSamples() {
    LatencySummary summary = LatencySummary.of(new long[] {900, 100, 500, 300, 700}, 5, 0);

    assertThat(summary.p50Micros()).isEqualTo(500);
    assertThat(summary.maxMicros()).isEqualTo(900);
    assertThat(summary.describe()).isEqualTo("p50 0.5 ms, p95 0.9 ms, p99 0.9 ms, max 0.9 ms");
  }

  @Test
  void samplesPastCapacityAreCountedAsDropped() {
    LatencySamples samples = new LatencySamples(3);
    for (long v = 1; v <= 5; v++) {
      samples.record(v);
    }

    LatencySummary summary = samples.summary();
    assertThat(summary.count()).isEqualTo(3);
    assertThat(summary.dropped()).isEqualTo(2);
    assertThat(summary.maxMicros()).isEqualTo(3);
  }

  @Test
  void noSamplesSummariseAsZeros() {
    assertThat(new LatencySamples(4).summary()).isEqualTo(LatencySummary.empty());
    assertThat(LatencySummary.empty().describe()).isEqualTo("no samples");
  }
}
