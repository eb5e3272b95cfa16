package org.sharpeyes.ingest.reference;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The control level of a key person (红/橙/黄), which sets the severity of alerts about them. */
public enum RiskLevel {
  RED(Severity.CRITICAL),
  ORANGE(Severity.HIGH),
  YELLOW(Severity.MEDIUM);

  private final Severity alertSeverity;

  RiskLevel(Severity alertSeverity) {
    this.alertSeverity = alertSeverity;
  }

  /** Severity of an alert raised because this person was sighted. */
  public Severity alertSeverity() {
    return alertSeverity;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RiskLevel> fromLabel(String label) {
    return Arrays.stream(values()).filter(r -> r.label().equals(label)).findFirst();
  }
}
