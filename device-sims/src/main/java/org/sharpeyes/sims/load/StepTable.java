package org.sharpeyes.sims.load;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Formats step-mode results as a table and finds the highest rate that kept up. */
public final class StepTable {

  private static final String HEADER =
      String.format(
          Locale.ROOT,
          "%8s %9s %8s %6s %6s %6s %10s %10s %10s %10s %8s  %s",
          "rate/s",
          "achieved",
          "2xx",
          "4xx",
          "5xx",
          "errors",
          "post p99",
          "alert p50",
          "alert p99",
          "alert max",
          "missing",
          "kept up");

  private StepTable() {}

  public static String format(List<LoadReport> steps) {
    StringBuilder out = new StringBuilder(HEADER).append(System.lineSeparator());
    for (LoadReport step : steps) {
      out.append(
              String.format(
                  Locale.ROOT,
                  "%8.0f %9.1f %8d %6d %6d %6d %10s %10s %10s %10s %8d  %s",
                  step.targetRate(),
                  step.achievedRate(),
                  step.answers2xx(),
                  step.answers4xx(),
                  step.answers5xx(),
                  step.errors(),
                  LatencySummary.millis(step.postLatency().p99Micros()),
                  LatencySummary.millis(step.alertLatency().p50Micros()),
                  LatencySummary.millis(step.alertLatency().p99Micros()),
                  LatencySummary.millis(step.alertLatency().maxMicros()),
                  step.alerts().missing(),
                  step.keptUp() ? "yes" : "no"))
          .append(System.lineSeparator());
    }
    OptionalDouble best = highestSustainedRate(steps);
    out.append(
        best.isPresent()
            ? String.format(Locale.ROOT, "highest sustained rate: %.0f/s%n", best.getAsDouble())
            : String.format("no rate kept up%n"));
    return out.toString();
  }

  /** The highest target rate among the steps that kept up. */
  public static OptionalDouble highestSustainedRate(List<LoadReport> steps) {
    return steps.stream().filter(LoadReport::keptUp).mapToDouble(LoadReport::targetRate).max();
  }
}
