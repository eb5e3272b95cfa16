package org.sharpeyes.edge.publish;

import java.time.Duration;
import java.util.Objects;

/**
 * Delays between attempts to reach the broker: capped exponential backoff with full jitter.
 *
 * @param initialDelay ceiling of the first delay
 * @param maxDelay ceiling no delay ever exceeds; at least {@code initialDelay}
 */
public record ReconnectConfig(Duration initialDelay, Duration maxDelay) {

  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
  public static final ReconnectConfig DEFAULTS =
      new ReconnectConfig(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY);

  public ReconnectConfig {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException("initialDelay must be at least 1ms, was " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay " + maxDelay + " must not be shorter than initialDelay " + initialDelay);
    }
  }
}
