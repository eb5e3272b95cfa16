package org.sharpeyes.sims.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sharpeyes.sims.plate.SimulationReport;

/**
 * The figures of one load run, and whether the system kept up: achieved rate at least {@value
 * #MIN_ACHIEVED_SHARE} of the target, no 5xx, no request without an answer, no missing alert, and
 * alert p99 under {@value #MAX_ALERT_P99_MICROS} µs.
 *
 * @param alertLatency from the instant a hotlisted read's POST was sent to the instant its alert
 *     arrived on the live feed
 * @param streamState the feed's state at the end of the run, before it was closed
 * @param shortfalls why it did not keep up; empty when it did
 */
public record LoadReport(
    String target,
    String stream,
    double targetRate,
    double achievedRate,
    long durationMillis,
    long sent,
    long hotSent,
    Map<Integer, Long> answersByStatus,
    long answers2xx,
    long answers4xx,
    long answers5xx,
    long errors,
    long inFlightLimitHits,
    long acceptedWithoutEventId,
    LatencySummary postLatency,
    LatencySummary alertLatency,
    AlertMatcher.MatchResult alerts,
    String streamState,
    long streamEvents,
    boolean keptUp,
    List<String> shortfalls) {

  public static final double MIN_ACHIEVED_SHARE = 0.95;
  public static final long MAX_ALERT_P99_MICROS = 1_000_000;

  /** Builds the report and judges whether the run kept up. */
  public static LoadReport assess(
      String stream,
      SimulationReport posted,
      long acceptedWithoutEventId,
      LatencySummary postLatency,
      LatencySummary alertLatency,
      AlertMatcher.MatchResult alerts,
      String streamState,
      long streamEvents) {
    List<String> shortfalls = new ArrayList<>();
    if (posted.achievedRate() < MIN_ACHIEVED_SHARE * posted.targetRate()) {
      shortfalls.add(
          String.format(
              Locale.ROOT,
              "achieved %.1f/s is below %.0f%% of the target %.1f/s",
              posted.achievedRate(),
              MIN_ACHIEVED_SHARE * 100,
              posted.targetRate()));
    }
    if (posted.count5xx() > 0) {
      shortfalls.add(posted.count5xx() + " answers were 5xx");
    }
    if (posted.errors() > 0) {
      shortfalls.add(posted.errors() + " requests got no answer");
    }
    if (alerts.missing() > 0) {
      shortfalls.add(alerts.missing() + " alerts never arrived");
    }
    if (alertLatency.count() > 0 && alertLatency.p99Micros() >= MAX_ALERT_P99_MICROS) {
      shortfalls.add(
          "alert p99 " + LatencySummary.millis(alertLatency.p99Micros()) + " is 1 s or more");
    }
    if (posted.hotSent() > 0 && alerts.tracked() == 0) {
      shortfalls.add(
          "no hotlisted read was accepted with an event id, so alerts were not measured");
    }
    if (!"OPEN".equals(streamState)) {
      shortfalls.add("the alert stream was " + streamState + " at the end of the run");
    }
    return new LoadReport(
        posted.target().toString(),
        stream,
        posted.targetRate(),
        posted.achievedRate(),
        posted.elapsed().toMillis(),
        posted.sent(),
        posted.hotSent(),
        posted.answersByStatus(),
        posted.count2xx(),
        posted.count4xx(),
        posted.count5xx(),
        posted.errors(),
        posted.inFlightLimitHits(),
        acceptedWithoutEventId,
        postLatency,
        alertLatency,
        alerts,
        streamState,
        streamEvents,
        shortfalls.isEmpty(),
        List.copyOf(shortfalls));
  }

  /** A block of lines for a terminal. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    line(out, "load run: %.0f/s for %.1f s to %s", targetRate, durationMillis / 1000.0, target);
    line(out, "  alerts from   %s", stream);
    line(
        out,
        "  rate          target %.1f/s, achieved %.1f/s (%d sent, %d hotlisted)",
        targetRate,
        achievedRate,
        sent,
        hotSent);
    line(
        out,
        "  answers       %s; %d without answer%s",
        statusList(),
        errors,
        inFlightLimitHits > 0 ? "; in-flight limit hit " + inFlightLimitHits + " times" : "");
    line(out, "  POST latency  %s (%d samples)", postLatency.describe(), postLatency.count());
    line(out, "  alert latency %s (%d matched)", alertLatency.describe(), alertLatency.count());
    line(
        out,
        "  alerts        %d expected, %d matched, %d folded into a later read, %d missing, %d distinct alerts",
        alerts.tracked(),
        alerts.matched(),
        alerts.folded(),
        alerts.missing(),
        alerts.distinctAlerts());
    if (!alerts.missingSample().isEmpty()) {
      line(out, "  missing e.g.  %s", String.join(", ", alerts.missingSample()));
    }
    if (alerts.untracked() > 0 || acceptedWithoutEventId > 0) {
      line(
          out,
          "  not measured  %d past the tracking limit, %d accepted without an eventId",
          alerts.untracked(),
          acceptedWithoutEventId);
    }
    line(
        out,
        "  stream        %s, %d events, %d alert events matched no read, %d unreadable",
        streamState,
        streamEvents,
        alerts.unmatchedEvents(),
        alerts.unreadableEvents());
    line(out, "  kept up       %s", keptUp ? "yes" : "no: " + String.join("; ", shortfalls));
    return out.toString();
  }

  private String statusList() {
    if (answersByStatus.isEmpty()) {
      return "none";
    }
    StringBuilder out = new StringBuilder();
    answersByStatus.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                out.append(out.length() == 0 ? "" : ", ")
                    .append(e.getKey())
                    .append("×")
                    .append(e.getValue()));
    return out.toString();
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
  }
}
