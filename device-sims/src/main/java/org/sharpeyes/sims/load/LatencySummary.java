package org.sharpeyes.sims.load;

import java.util.Arrays;
import java.util.Locale;

/**
 * Percentiles of one latency, in microseconds. All zero when nothing was recorded.
 *
 * @param count values the percentiles are computed over
 * @param dropped values not kept because the recorder was full
 */
public record LatencySummary(
    int count, long dropped, long p50Micros, long p95Micros, long p99Micros, long maxMicros) {

  public static LatencySummary empty() {
    return new LatencySummary(0, 0, 0, 0, 0, 0);
  }

  /** Summarises the first {@code count} values (the array is not changed). */
  public static LatencySummary of(long[] values, int count, long dropped) {
    if (count == 0) {
      return new LatencySummary(0, dropped, 0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return new LatencySummary(
        count,
        dropped,
        Percentiles.nearestRank(sorted, count, 50),
        Percentiles.nearestRank(sorted, count, 95),
        Percentiles.nearestRank(sorted, count, 99),
        sorted[count - 1]);
  }

  /** E.g. {@code p50 2.1 ms, p95 4.0 ms, p99 7.9 ms, max 35.2 ms}. */
  public String describe() {
    if (count == 0) {
      return "no samples";
    }
    return String.format(
        Locale.ROOT,
        "p50 %s, p95 %s, p99 %s, max %s",
        millis(p50Micros),
        millis(p95Micros),
        millis(p99Micros),
        millis(maxMicros));
  }

  static String millis(long micros) {
    return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
  }
}
