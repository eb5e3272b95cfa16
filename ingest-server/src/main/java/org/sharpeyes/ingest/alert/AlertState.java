package org.sharpeyes.ingest.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an alert is in its closed loop: new → acknowledged → dispatched → handled → resolved, or
 * false-positive; a closed alert may be reopened. Sightings fold into an alert while it is open.
 * Which step leads where, and who may take it: {@code workflow.Lifecycle} (docs/workflow.md).
 */
public enum AlertState {
  NEW("new", true),
  ACKNOWLEDGED("acknowledged", true),
  DISPATCHED("dispatched", true),
  HANDLED("handled", true),
  RESOLVED("resolved", false),
  FALSE_POSITIVE("false-positive", false),
  REOPENED("reopened", true);

  private final String label;
  private final boolean open;

  AlertState(String label, boolean open) {
    this.label = label;
    this.open = open;
  }

  /** As stored and in JSON, e.g. {@code false-positive}. */
  public String label() {
    return label;
  }

  /** True while further sightings fold into the alert. */
  public boolean isOpen() {
    return open;
  }

  public static Optional<AlertState> fromLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
  }

  public static String labels() {
    return String.join(", ", Arrays.stream(values()).map(AlertState::label).toList());
  }
}
