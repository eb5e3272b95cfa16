package org.sharpeyes.ingest.governance;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The monthly ranking of one level (一月一排序), narrowed to what the caller may see.
 *
 * @param ranked how many units of the level have a score (ranks run from 1 to about this)
 * @param computedAt when the month's alert history was read
 * @param total the figures of the whole city, for a city-wide caller; {@code null} otherwise
 */
public record Report(
    YearMonth month,
    GovernanceLevel level,
    Map<String, Double> weights,
    Instant computedAt,
    int ranked,
    List<Unit> units,
    Unit total) {

  /**
   * One unit's line.
   *
   * @param rank 1 is best; equal scores share a rank; {@code null} when the unit has no score
   * @param previousRank its rank the month before
   * @param rankChange {@code previousRank − rank}: positive when it moved up
   */
  public record Unit(
      String code,
      String name,
      GovernanceLevel level,
      Integer rank,
      Integer previousRank,
      Integer rankChange,
      Double score,
      Double previousScore,
      Figures figures) {}

  /** A unit's score and counts month by month, oldest first. */
  public record Trend(String code, String name, GovernanceLevel level, List<Point> months) {}

  public record Point(YearMonth month, Double score, long received, long resolved, long overdue) {}
}
