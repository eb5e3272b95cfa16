package org.sharpeyes.edge.publish;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: before the attempt that follows {@code n}
 * consecutive failures, wait a uniformly random time in {@code [0, min(maxDelay, initialDelay ×
 * 2^n)]}. Full jitter spreads a fleet of edges that lost the same broker at the same moment, so
 * they do not all come back in the same second.
 *
 * <p>Thread-safe when the random generator is.
 */
public final class ReconnectBackoff {

  private final Duration initialDelay;
  private final Duration maxDelay;
  private final RandomGenerator random;

  public ReconnectBackoff(ReconnectConfig config, RandomGenerator random) {
    this.initialDelay = config.initialDelay();
    this.maxDelay = config.maxDelay();
    this.random = random;
  }

  /** The largest delay possible after {@code failures} consecutive failures (0 or more). */
  public Duration ceiling(int failures) {
    if (failures < 0) {
      throw new IllegalArgumentException("failures must be >= 0, was " + failures);
    }
    long initial = initialDelay.toMillis();
    long max = maxDelay.toMillis();
    // Stop doubling before the shift overflows; the cap is reached long before.
    int shift = Math.min(failures, 40);
    long uncapped = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
    return Duration.ofMillis(Math.min(max, uncapped));
  }

  /** A random delay in {@code [0, ceiling(failures)]}. */
  public Duration delayAfter(int failures) {
    long ceiling = ceiling(failures).toMillis();
    return Duration.ofMillis(random.nextLong(ceiling + 1));
  }
}
