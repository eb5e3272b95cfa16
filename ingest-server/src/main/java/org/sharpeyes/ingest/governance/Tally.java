package org.sharpeyes.ingest.governance;

/** The running counts and durations of one unit while a month is scanned. Not thread-safe. */
final class Tally {

  long received;
  long acknowledged;
  long acknowledgedOnTime;
  long resolved;
  long resolvedOnTime;
  long overdue;
  long escalated;
  long villageStarted;
  long withinGrid;
  long falsePositive;
  final Percentiles.Values ackSeconds = new Percentiles.Values();
  final Percentiles.Values resolveSeconds = new Percentiles.Values();

  /** Counts one alert (see {@link MonthScan} for what each flag means). */
  void add(AlertOutcome a) {
    received++;
    if (a.ackSeconds() >= 0) {
      acknowledged++;
      ackSeconds.add(a.ackSeconds());
      if (a.ackOnTime()) {
        acknowledgedOnTime++;
      }
    }
    if (a.resolveSeconds() >= 0) {
      resolved++;
      resolveSeconds.add(a.resolveSeconds());
      if (!a.overdue()) {
        resolvedOnTime++;
      }
    }
    if (a.overdue()) {
      overdue++;
    }
    if (a.escalated()) {
      escalated++;
    }
    if (a.villageStarted()) {
      villageStarted++;
      if (a.withinGrid()) {
        withinGrid++;
      }
    }
    if (a.falsePositive()) {
      falsePositive++;
    }
  }

  Figures figures() {
    return new Figures(
        received,
        acknowledged,
        acknowledgedOnTime,
        resolved,
        resolvedOnTime,
        overdue,
        escalated,
        villageStarted,
        withinGrid,
        falsePositive,
        ackSeconds.percentile(0.5),
        ackSeconds.percentile(0.9),
        resolveSeconds.percentile(0.5),
        resolveSeconds.percentile(0.9));
  }

  /**
   * One alert as the figures see it.
   *
   * @param ackSeconds seconds from raised to first acknowledged; -1 when never acknowledged
   * @param resolveSeconds seconds from raised to closed as resolved; -1 when not resolved
   */
  record AlertOutcome(
      long ackSeconds,
      boolean ackOnTime,
      long resolveSeconds,
      boolean overdue,
      boolean escalated,
      boolean villageStarted,
      boolean withinGrid,
      boolean falsePositive) {}
}
