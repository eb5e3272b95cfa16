package org.sharpeyes.edge.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one check of {@code edge-agent probe}: one device, or the broker.
 *
 * @param target what was checked, e.g. {@code camera 43070200001320000001 (火车站进站口)} or {@code
 *     broker tcp://10.0.0.5:1883}
 * @param outcome passed, failed, or could not be checked
 * @param summary one line of what was found, or what went wrong
 * @param fix what to do about it, or {@code null}
 * @param facts what was measured, by name, for {@code --json}; in insertion order
 */
public record ProbeResult(
    String target, Outcome outcome, String summary, String fix, Map<String, Object> facts) {

  /** How a check ended. */
  public enum Outcome {
    /** The device or broker answered as it should. */
    OK,
    /** It did not: see the summary and the fix. */
    FAILED,
    /** It could not be checked from here now (the agent is not running, for a push device). */
    UNKNOWN
  }

  public ProbeResult {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(summary, "summary");
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts == null ? Map.of() : facts));
  }

  /** The line printed for it: {@code OK camera …: h264 1920×1080 …}. */
  public String line() {
    String mark =
        switch (outcome) {
          case OK -> "OK     ";
          case FAILED -> "FAILED ";
          case UNKNOWN -> "UNKNOWN";
        };
    return mark + " " + target + ": " + summary + (fix == null ? "" : " — " + fix);
  }
}
