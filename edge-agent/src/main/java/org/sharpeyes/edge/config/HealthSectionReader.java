package org.sharpeyes.edge.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.edge.health.HealthConfig;
import org.sharpeyes.schema.id.GbDeviceId;

/** Reads the {@code health} section; every key has a default, so the section may be left out. */
final class HealthSectionReader {

  static final List<String> KEYS =
      List.of(
          "enabled",
          "period",
          "hold",
          "grace",
          "refresh",
          "plateReaderSilence",
          "plateReaderSilenceByDevice",
          "cameraFpsFactor");

  private static final Duration DAY = Duration.ofDays(1);

  private HealthSectionReader() {}

  /**
   * {@code plateReaderSilenceByDevice: { "<device id>": 30m }}; the ids are checked by the loader.
   */
  private static Map<String, Duration> silenceByDevice(ConfigTree health) {
    ConfigTree section = health.section("plateReaderSilenceByDevice");
    Map<String, Duration> out = new LinkedHashMap<>();
    if (section == null) {
      return out;
    }
    for (String id : section.keys()) {
      if (!GbDeviceId.isValid(id)) {
        section.problem(id, "not a device id — give the plate reader's 20-digit id, quoted");
        continue;
      }
      Duration d = section.duration(id, null, Duration.ofSeconds(10), DAY);
      if (d != null) {
        out.put(id, d);
      }
    }
    return out;
  }

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
    Map<String, Duration> byDevice = silenceByDevice(health);
    if (health.problemCount() > before) {
      return null;
    }
    return new HealthConfig(enabled, period, hold, grace, refresh, silence, factor, byDevice);
  }
}
