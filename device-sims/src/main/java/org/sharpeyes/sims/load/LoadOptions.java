package org.sharpeyes.sims.load;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.sharpeyes.sims.plate.PlateSimulatorOptions;

/**
 * One load run: plate reads at a rate for a duration, and the live feed to watch for their alerts.
 *
 * @param plates target, device, rate, plate pool, hot share, seed and limits of the reads; its
 *     count and duration are replaced by this run's (rate × duration reads, for duration)
 * @param stream the ingest-server's SSE feed, e.g. {@code http://127.0.0.1:8080/api/alerts/stream}
 * @param duration how long to send
 * @param drainTimeout how long to wait for outstanding alerts after the last answer
 * @param streamConnectTimeout how long to wait for the feed to answer before sending anyway
 * @param streamAuthorization the Authorization header sent to the feed (e.g. {@code Bearer …}), or
 *     {@code null} for none
 */
public record LoadOptions(
    PlateSimulatorOptions plates,
    URI stream,
    Duration duration,
    Duration drainTimeout,
    Duration streamConnectTimeout,
    String streamAuthorization) {

  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_STREAM_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Latency samples kept per figure at most (8 bytes each). */
  public static final int MAX_SAMPLES = 10_000_000;

  public LoadOptions {
    Objects.requireNonNull(plates, "plates");
    Objects.requireNonNull(stream, "stream");
    requirePositive(duration, "duration");
    requirePositive(drainTimeout, "drain timeout");
    requirePositive(streamConnectTimeout, "stream connect timeout");
    if (expectedReads(plates.ratePerSecond(), duration) > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "rate × duration is more than " + MAX_SAMPLES + " reads; shorten the duration");
    }
  }

  /** The same run at another rate. */
  public LoadOptions withRate(double ratePerSecond) {
    return new LoadOptions(
        plates.toBuilder().ratePerSecond(ratePerSecond).build(),
        stream,
        duration,
        drainTimeout,
        streamConnectTimeout,
        streamAuthorization);
  }

  /** The same run, sending {@code authorization} to the feed. */
  public LoadOptions withStreamAuthorization(String authorization) {
    return new LoadOptions(
        plates, stream, duration, drainTimeout, streamConnectTimeout, authorization);
  }

  /** The simulator options for this run: rate × duration reads, stopping at the duration. */
  public PlateSimulatorOptions simulatorOptions() {
    return plates.toBuilder()
        .count(expectedReads(plates.ratePerSecond(), duration))
        .duration(duration)
        .build();
  }

  static long expectedReads(double ratePerSecond, Duration duration) {
    return Math.max(1, (long) Math.ceil(ratePerSecond * duration.toNanos() / 1e9));
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
