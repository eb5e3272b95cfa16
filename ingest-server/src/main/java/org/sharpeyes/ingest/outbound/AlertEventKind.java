package org.sharpeyes.ingest.outbound;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertState;
import org.sharpeyes.ingest.alert.AlertStep;

/**
 * What an alert change is to a downstream platform (docs/mqtt.md, "Alert topics"): a new alert is
 * {@code created}; a sighting folded into it or a workflow step is {@code updated}, except an
 * escalation ({@code escalated}) and a step to resolved or false-positive ({@code closed}). A
 * sighting that was already recorded changes nothing and is not told.
 */
public enum AlertEventKind {
  CREATED,
  UPDATED,
  ESCALATED,
  CLOSED;

  /** As in topics, headers and the webhook's {@code kinds}: {@code created}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The CloudEvents type: {@code sharpeyes.alert.created}. */
  public String type() {
    return "sharpeyes.alert." + label();
  }

  public static Optional<AlertEventKind> fromLabel(String label) {
    return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(AlertEventKind::label).toList();
  }

  /** The kind of {@code change}, or empty when nothing changed. */
  public static Optional<AlertEventKind> of(AlertChange change) {
    return switch (change.kind()) {
      case RAISED -> Optional.of(CREATED);
      case FOLDED -> Optional.of(UPDATED);
      case STEPPED -> Optional.of(ofStep(change.step()));
      case ALREADY_RECORDED -> Optional.empty();
    };
  }

  private static AlertEventKind ofStep(AlertStep step) {
    if ("escalate".equals(step.action())) {
      return ESCALATED;
    }
    if (step.to() == AlertState.RESOLVED || step.to() == AlertState.FALSE_POSITIVE) {
      return CLOSED;
    }
    return UPDATED;
  }
}
