package org.sharpeyes.ingest.governance;

/**
 * What one unit did with the alerts raised in its place in one month (docs/governance.md): counts
 * and durations, as stored in {@code governance_month}. Durations are whole seconds from the
 * alert's {@code created_at}, nearest-rank percentiles; {@code null} when nothing was measured.
 *
 * @param received alerts raised in the month
 * @param acknowledged of them, acknowledged (at any time since)
 * @param acknowledgedOnTime acknowledged within the starting desk's time to acknowledge
 * @param resolved in state {@code resolved}
 * @param resolvedOnTime resolved and never overdue (no deadline passed at any desk)
 * @param overdue marked overdue (超时) at least once
 * @param escalated moved above the desk it started at (by the timer or by hand)
 * @param villageStarted started at a village desk: the small matters
 * @param withinGrid started at a village desk and resolved there, never leaving it (小事不出网格)
 * @param falsePositive marked a false positive
 */
public record Figures(
    long received,
    long acknowledged,
    long acknowledgedOnTime,
    long resolved,
    long resolvedOnTime,
    long overdue,
    long escalated,
    long villageStarted,
    long withinGrid,
    long falsePositive,
    Long ackMedianSeconds,
    Long ackP90Seconds,
    Long resolveMedianSeconds,
    Long resolveP90Seconds) {

  public static final Figures NONE =
      new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null);

  /** {@code part / received}, or {@code null} when nothing was received. */
  public Double share(long part) {
    return received == 0 ? null : (double) part / received;
  }

  /** Share of the small matters kept in the grid; {@code null} when none started at a village. */
  public Double withinGridShare() {
    return villageStarted == 0 ? null : (double) withinGrid / villageStarted;
  }
}
