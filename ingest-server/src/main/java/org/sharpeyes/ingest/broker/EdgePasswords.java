package org.sharpeyes.ingest.broker;

import java.util.Base64;
import java.util.random.RandomGenerator;

/** Strong generated passwords: 24 random bytes, URL-safe Base64 (32 characters, 192 bits). */
public final class EdgePasswords {

  static final int RANDOM_BYTES = 24;

  private EdgePasswords() {}

  /** A new password; {@code random} should be a {@link java.security.SecureRandom}. */
  public static String generate(RandomGenerator random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
