package org.sharpeyes.ingest.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * How much personal data (names, ID numbers, enrolment photos, face crops) a user may see. An
 * integrator sees none whatever its clearance says.
 */
public enum Clearance {
  /** Names and ID numbers masked, photos and face crops withheld. */
  MASKED("masked"),
  /** Everything, each read of a person's card, photo or face snapshot on the audit record. */
  FULL("full");

  private final String label;

  Clearance(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<Clearance> fromLabel(String label) {
    return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst();
  }

  public static String labels() {
    return String.join(", ", Arrays.stream(values()).map(Clearance::label).toList());
  }
}
