package org.sharpeyes.edge.health;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the device health monitor (the {@code health} section of the edge config); see {@code
 * docs/config.md}. Every value has a default, so configs without the section keep working.
 *
 * @param enabled whether the agent sends {@code device.status} events at all
 * @param period how often every device's status is looked at
 * @param hold how long a new availability must hold before it is reported (no flapping)
 * @param grace after start, how long to wait before the first report of every device
 * @param refresh every device's availability is sent again this often, changed or not; {@link
 *     Duration#ZERO} sends only changes
 * @param plateReaderSilence a plate reader that pushed nothing for this long is offline
 * @param cameraFpsFactor a camera analysing fewer than {@code analysisFps × factor} frames a second
 *     is degraded
 * @param plateReaderSilenceByDevice {@code plateReaderSilence} of single plate readers, by device
 *     id
 */
public record HealthConfig(
    boolean enabled,
    Duration period,
    Duration hold,
    Duration grace,
    Duration refresh,
    Duration plateReaderSilence,
    double cameraFpsFactor,
    Map<String, Duration> plateReaderSilenceByDevice) {

  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);
  public static final Duration DEFAULT_HOLD = Duration.ofSeconds(10);
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(10);
  public static final Duration DEFAULT_PLATE_READER_SILENCE = Duration.ofMinutes(10);
  public static final double DEFAULT_CAMERA_FPS_FACTOR = 0.5;

  public static final HealthConfig DEFAULTS =
      new HealthConfig(
          true,
          DEFAULT_PERIOD,
          DEFAULT_HOLD,
          DEFAULT_GRACE,
          DEFAULT_REFRESH,
          DEFAULT_PLATE_READER_SILENCE,
          DEFAULT_CAMERA_FPS_FACTOR,
          Map.of());

  /** The silence after which this plate reader is offline. */
  public Duration plateReaderSilence(String deviceId) {
    return plateReaderSilenceByDevice.getOrDefault(deviceId, plateReaderSilence);
  }

  public HealthConfig {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(hold, "hold");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(plateReaderSilence, "plateReaderSilence");
    plateReaderSilenceByDevice = Map.copyOf(plateReaderSilenceByDevice);
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("health.period must be above 0");
    }
    if (hold.isNegative() || grace.isNegative() || refresh.isNegative()) {
      throw new IllegalArgumentException("health.hold, grace and refresh must be 0 or more");
    }
    if (plateReaderSilence.isNegative() || plateReaderSilence.isZero()) {
      throw new IllegalArgumentException("health.plateReaderSilence must be above 0");
    }
    if (!(cameraFpsFactor > 0 && cameraFpsFactor <= 1)) {
      throw new IllegalArgumentException("health.cameraFpsFactor must be above 0 and at most 1");
    }
  }
}
