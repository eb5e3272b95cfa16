package org.sharpeyes.edge.config;

import java.time.Duration;
import java.util.List;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.edge.health.HealthConfig;

/** Reads the {@code health} section; every key has a default, so the section may be left out. */
final class HealthSectionReader {

  static final List<String> KEYS =
      List.of(
          "enabled", "period", "hold", "grace", "refresh", "plateReaderSilence", "cameraFpsFactor");

  private static final Duration DAY = Duration.ofDays(1);

  private HealthSectionReader() {}

  /** The health settings, or {@code null} when the section has problems (all reported). */
  static HealthConfig read(ConfigTree health) {
    int before = health.problemCount();
    health.allowKeys(KEYS);
    Boolean enabled = health.bool("enabled", true);
    Duration period =
        health.duration(
            "period", HealthConfig.DEFAULT_PERIOD, Duration.ofSeconds(1), Duration.ofMinutes(10));
    Duration hold =
        health.duration("hold", HealthConfig.DEFAULT_HOLD, Duration.ZERO, Duration.ofHours(1));
    Duration grace =
        health.duration("grace", HealthConfig.DEFAULT_GRACE, Duration.ZERO, Duration.ofHours(1));
    Duration refresh = health.duration("refresh", HealthConfig.DEFAULT_REFRESH, Duration.ZERO, DAY);
    Duration silence =
        health.duration(
            "plateReaderSilence",
            HealthConfig.DEFAULT_PLATE_READER_SILENCE,
            Duration.ofSeconds(10),
            DAY);
    Double factor =
        health.decimal("cameraFpsFactor", HealthConfig.DEFAULT_CAMERA_FPS_FACTOR, 0.01, 1.0);
    if (refresh != null && period != null && !refresh.isZero() && refresh.compareTo(period) < 0) {
      health.problem(
          "refresh",
          refresh.toSeconds()
              + "s is shorter than health.period ("
              + period.toSeconds()
              + "s) — make it longer, or 0 to send only changes");
    }
    if (health.problemCount() > before) {
      return null;
    }
    return new HealthConfig(enabled, period, hold, grace, refresh, silence, factor);
  }
}
