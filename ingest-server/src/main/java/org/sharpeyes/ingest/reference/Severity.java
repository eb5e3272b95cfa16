package org.sharpeyes.ingest.reference;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is, most urgent first. Hotlist entries carry one; rules assign one. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  /** The lower-case name used in files, the database and JSON, e.g. {@code critical}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The more urgent of the two. */
  public Severity max(Severity other) {
    return other.ordinal() < ordinal() ? other : this;
  }

  public static Optional<Severity> fromLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
  }

  /** The labels, for error messages: {@code critical, high, medium, low}. */
  public static String labels() {
    return String.join(", ", Arrays.stream(values()).map(Severity::label).toList());
  }
}
