package org.sharpeyes.schema.id;

import java.time.Clock;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Creates time-ordered event ids (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then
 * random bits. Ids sort by creation time, so the store's index stays append-mostly. Thread-safe
 * when the random generator is.
 */
public final class EventIds {

  private final Clock clock;
  private final RandomGenerator random;

  public EventIds(Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  /** An id generator on the system clock with a secure random source. */
  public static EventIds system() {
    return new EventIds(Clock.systemUTC(), new java.security.SecureRandom());
  }

  public String next() {
    long millis = clock.millis();
    long randA = random.nextLong() & 0xFFFL;
    long msb = (millis << 16) | 0x7000L | randA;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** Milliseconds since the epoch encoded in a version-7 id. */
  public static long timestampMillis(String uuidV7) {
    return UUID.fromString(uuidV7).getMostSignificantBits() >>> 16;
  }
}
