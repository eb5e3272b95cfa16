package org.sharpeyes.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The one retry policy of every client of ours that reconnects (MQTT publisher and subscriber,
 * watchlist publisher, OPC UA gates, camera streams): capped exponential backoff with full jitter.
 * Before the attempt that follows {@code n} consecutive failures, wait a uniformly random time in
 * {@code [0, min(maxDelay, initialDelay × 2^n)]}. Full jitter spreads a fleet that lost the same
 * peer at the same moment, so that it does not come back in the same second.
 *
 * <p>Used either statelessly ({@link #delayAfter(int)}) or as the retry state of one connection
 * ({@link #failed()}, {@link #succeeded()}, {@link #nextAttempt()}). Thread-safe when the random
 * generator is; the stateful methods are synchronized.
 */
public final class Backoff {

  /**
   * The bounds of a backoff, as config writes them ({@code reconnect.initialDelay}, {@code
   * reconnect.maxDelay}).
   *
   * @param initialDelay ceiling of the first delay, more than zero
   * @param maxDelay cap of the doubling ceiling, at least {@code initialDelay}
   */
  public record Bounds(Duration initialDelay, Duration maxDelay) {

    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

    /** 500 ms doubling up to 30 s. */
    public static final Bounds DEFAULTS = new Bounds(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY);

    public Bounds {
      Objects.requireNonNull(initialDelay, "initialDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (initialDelay.isNegative() || initialDelay.isZero()) {
        throw new IllegalArgumentException("initialDelay must be more than 0, was " + initialDelay);
      }
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException(
            "maxDelay (" + maxDelay + ") must be at least initialDelay (" + initialDelay + ")");
      }
    }
  }

  private final Bounds bounds;
  private final RandomGenerator random;
  private final Clock clock;
  private int failures;
  private Instant nextAttempt;

  public Backoff(Bounds bounds, RandomGenerator random, Clock clock) {
    this.bounds = Objects.requireNonNull(bounds, "bounds");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Bounds bounds() {
    return bounds;
  }

  /** The largest delay possible after {@code failures} consecutive failures (0 or more). */
  public Duration ceiling(int failures) {
    if (failures < 0) {
      throw new IllegalArgumentException("failures must be >= 0, was " + failures);
    }
    long initial = bounds.initialDelay().toMillis();
    long max = bounds.maxDelay().toMillis();
    // Stop doubling before the shift overflows; the cap is reached long before.
    int shift = Math.min(failures, 40);
    long uncapped = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
    return Duration.ofMillis(Math.min(max, uncapped));
  }

  /** A random delay in {@code [0, ceiling(failures)]}; stateless. */
  public Duration delayAfter(int failures) {
    long ceiling = ceiling(failures).toMillis();
    return Duration.ofMillis(random.nextLong(ceiling + 1));
  }

  /**
   * Records one more consecutive failure and returns how long to wait before the next attempt
   * (which {@link #nextAttempt()} then tells).
   */
  public synchronized Duration failed() {
    Duration delay = delayAfter(failures);
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    nextAttempt = clock.instant().plus(delay);
    return delay;
  }

  /** Records a success: the next failure starts from {@code initialDelay} again. */
  public synchronized void succeeded() {
    failures = 0;
    nextAttempt = null;
  }

  /** Consecutive failures since the last success. */
  public synchronized int failures() {
    return failures;
  }

  /** When the attempt after the last failure is due; {@code null} after a success or none yet. */
  public synchronized Instant nextAttempt() {
    return nextAttempt;
  }
}
