package org.sharpeyes.sims.plate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Fixed-rate pacing: after {@code t} seconds, {@code floor(t × rate)} reads are due in total. The
 * caller asks how many are due now and reports how many it actually issued; what it could not issue
 * (because the in-flight limit was reached) stays due, so the pacer catches up when the target
 * answers again rather than silently lowering the rate. Not thread-safe: one issuing thread.
 */
final class Pacer {

  private final Clock clock;
  private final double ratePerSecond;
  private Instant start;
  private long issued;

  Pacer(Clock clock, double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be above 0 per second, got " + ratePerSecond);
    }
    this.clock = clock;
    this.ratePerSecond = ratePerSecond;
  }

  /** Starts the schedule now and returns the start instant. */
  Instant start() {
    start = clock.instant();
    issued = 0;
    return start;
  }

  /** Reads due now and not yet issued. */
  long due() {
    return due(clock.instant());
  }

  /** Reads due by {@code at} and not yet issued. */
  long due(Instant at) {
    long elapsedNanos = Math.max(0, Duration.between(start, at).toNanos());
    long allowed = (long) Math.floor(elapsedNanos / 1_000_000_000.0 * ratePerSecond);
    return Math.max(0, allowed - issued);
  }

  void issued(long reads) {
    issued += reads;
  }

  long issuedTotal() {
    return issued;
  }
}
