package org.sharpeyes.sims.plate;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulator run did.
 *
 * @param target where reads were sent
 * @param targetRate reads per second asked for
 * @param sent reads handed to the HTTP client
 * @param hotSent of those, reads of hotlist or key-person plates
 * @param answersByStatus answers received, by HTTP status
 * @param errors requests that got no answer (refused, reset, timed out)
 * @param inFlightLimitHits times issuing paused because the in-flight limit was reached
 * @param snapshotFailures reads sent without the asked-for snapshot because rendering failed
 * @param listenerFailures exceptions thrown by the {@link PlateReadListener}
 * @param elapsed from the first tick to the end of issuing (excludes waiting for the last answers)
 */
public record SimulationReport(
    URI target,
    double targetRate,
    long sent,
    long hotSent,
    Map<Integer, Long> answersByStatus,
    long errors,
    long inFlightLimitHits,
    long snapshotFailures,
    long listenerFailures,
    Duration elapsed) {

  public SimulationReport {
    answersByStatus = Map.copyOf(answersByStatus);
  }

  public long count2xx() {
    return countInRange(200);
  }

  public long count4xx() {
    return countInRange(400);
  }

  public long count5xx() {
    return countInRange(500);
  }

  public long answers(int status) {
    return answersByStatus.getOrDefault(status, 0L);
  }

  /** Reads sent per second over {@link #elapsed()}; 0 when nothing was sent. */
  public double achievedRate() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? sent / seconds : 0;
  }

  /** A few lines for a terminal. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "plate reads to %s%n", target));
    out.append(String.format(Locale.ROOT, "  sent      %d (hotlisted %d)%n", sent, hotSent));
    out.append(String.format(Locale.ROOT, "  2xx       %d%n", count2xx()));
    out.append(String.format(Locale.ROOT, "  4xx       %d%s%n", count4xx(), breakdown(400)));
    out.append(String.format(Locale.ROOT, "  5xx       %d%s%n", count5xx(), breakdown(500)));
    out.append(String.format(Locale.ROOT, "  errors    %d (no answer)%n", errors));
    out.append(
        String.format(
            Locale.ROOT,
            "  rate      target %.1f/s, achieved %.1f/s over %.1f s%n",
            targetRate,
            achievedRate(),
            elapsed.toMillis() / 1000.0));
    if (inFlightLimitHits > 0) {
      out.append(
          String.format(
              Locale.ROOT, "  paused    %d times at the in-flight limit%n", inFlightLimitHits));
    }
    if (snapshotFailures > 0) {
      out.append(String.format(Locale.ROOT, "  without snapshot  %d%n", snapshotFailures));
    }
    return out.toString();
  }

  private long countInRange(int from) {
    return answersByStatus.entrySet().stream()
        .filter(e -> e.getKey() >= from && e.getKey() < from + 100)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private String breakdown(int from) {
    StringBuilder out = new StringBuilder();
    answersByStatus.entrySet().stream()
        .filter(e -> e.getKey() >= from && e.getKey() < from + 100)
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                out.append(out.length() == 0 ? " (" : ", ")
                    .append(e.getKey())
                    .append("×")
                    .append(e.getValue()));
    return out.length() == 0 ? "" : out.append(")").toString();
  }
}
