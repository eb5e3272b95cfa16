package org.sharpeyes.sims.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the controller decides for a credential: granted, or denied for a reason. Written in files
 * as {@code granted} or {@code denied:<reason>} ({@code denied:expired}); on the wire as {@code
 * Result} ({@code granted}/{@code denied}) plus {@code DenyReason} (the reason, empty when
 * granted).
 */
public enum AccessDecision {
  GRANTED("granted", ""),
  DENIED_UNKNOWN_CREDENTIAL("denied", "unknown-credential"),
  DENIED_EXPIRED("denied", "expired"),
  DENIED_OUTSIDE_HOURS("denied", "outside-hours"),
  DENIED_REVOKED("denied", "revoked"),
  DENIED_ANTI_PASSBACK("denied", "anti-passback");

  private final String result;
  private final String denyReason;

  AccessDecision(String result, String denyReason) {
    this.result = result;
    this.denyReason = denyReason;
  }

  public boolean granted() {
    return this == GRANTED;
  }

  /** {@code granted} or {@code denied}. */
  public String result() {
    return result;
  }

  /** The reason of a denial ({@code expired}); empty when granted. */
  public String denyReason() {
    return denyReason;
  }

  /** As written in files: {@code granted} or {@code denied:<reason>}. */
  public String fileName() {
    return granted() ? result : result + ":" + denyReason;
  }

  /** Reads {@code granted} or {@code denied:<reason>}; a bare {@code denied} is an unknown one. */
  public static Optional<AccessDecision> parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("denied")) {
      return Optional.of(DENIED_UNKNOWN_CREDENTIAL);
    }
    return Arrays.stream(values()).filter(d -> d.fileName().equals(t)).findFirst();
  }

  /** The file names, for messages. */
  public static String names() {
    return Arrays.stream(values()).map(AccessDecision::fileName).collect(Collectors.joining(", "));
  }
}
