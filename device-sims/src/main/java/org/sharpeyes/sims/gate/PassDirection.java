package org.sharpeyes.sims.gate;

import java.util.Locale;
import java.util.Optional;

/** Which side of the door a credential was presented on: entering or leaving. */
public enum PassDirection {
  IN("in"),
  OUT("out");

  private final String wireName;

  PassDirection(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<PassDirection> parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return t.equals("in") ? Optional.of(IN) : t.equals("out") ? Optional.of(OUT) : Optional.empty();
  }
}
