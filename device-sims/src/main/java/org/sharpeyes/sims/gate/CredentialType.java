package org.sharpeyes.sims.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a person identified at a door; on the wire its {@link #wireName()}. */
public enum CredentialType {
  CARD("card"),
  PIN("pin"),
  FACE("face"),
  QR("qr"),
  FINGERPRINT("fingerprint");

  private final String wireName;

  CredentialType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<CredentialType> parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.wireName.equals(t)).findFirst();
  }

  /** The wire names, for messages. */
  public static String names() {
    return Arrays.stream(values()).map(CredentialType::wireName).collect(Collectors.joining(", "));
  }
}
