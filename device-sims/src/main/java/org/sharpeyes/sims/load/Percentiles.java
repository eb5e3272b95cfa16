package org.sharpeyes.sims.load;

/** Percentiles over recorded values, by the nearest-rank method. */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The smallest value such that at least {@code percentile}% of the values are at or below it.
   *
   * @param sorted values in ascending order; only the first {@code count} are used
   * @param percentile above 0 and at most 100
   * @throws IllegalArgumentException when {@code count} is 0 or the percentile is out of range
   */
  public static long nearestRank(long[] sorted, int count, double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
    }
    if (count < 1 || count > sorted.length) {
      throw new IllegalArgumentException(
          "count must be between 1 and " + sorted.length + ", got " + count);
    }
    int rank = (int) Math.ceil(percentile / 100.0 * count);
    return sorted[Math.max(1, rank) - 1];
  }
}
