package org.sharpeyes.ingest.rule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an alert is about. Open alerts fold by (rule, subject type, subject key). */
public enum SubjectType {
  PERSON,
  PLATE,
  DOOR,
  DEVICE,
  /** An edge box (its last will: every device behind it is out of reach). */
  EDGE,
  /** An access credential (card, QR code…) that belongs to no key person. */
  CREDENTIAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SubjectType> fromLabel(String label) {
    return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst();
  }
}
