package org.sharpeyes.ingest.mqtt;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delay before the n-th reconnect attempt: doubling from {@code min}, capped at {@code max}, with
 * "equal jitter" (half fixed, half random) so that many servers restarting together do not hit the
 * broker in lock-step. Thread-safe when the random generator is.
 */
public final class ReconnectBackoff {

  private final Duration min;
  private final Duration max;
  private final RandomGenerator random;

  public ReconnectBackoff(Duration min, Duration max, RandomGenerator random) {
    if (min.isNegative() || min.isZero() || min.compareTo(max) > 0) {
      throw new IllegalArgumentException("need 0 < min <= max, got " + min + " and " + max);
    }
    this.min = min;
    this.max = max;
    this.random = random;
  }

  /**
   * @param attempt 0 for the first retry after a failure
   */
  public Duration delay(int attempt) {
    long ceiling = max.toMillis();
    long base = min.toMillis();
    for (int i = 0; i < attempt && base < ceiling; i++) {
      base *= 2;
    }
    base = Math.min(base, ceiling);
    long half = base / 2;
    return Duration.ofMillis(base - half + random.nextLong(half + 1));
  }
}
