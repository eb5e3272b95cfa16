package org.sharpeyes.ingest.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.ingest.reference.Severity;

/** Reads {@code rules.deviceOffline}: rule {@code device-offline}'s parameters. */
final class DeviceOfflineReader {

  private static final Duration MIN = Duration.ofSeconds(10);
  private static final Duration MAX = Duration.ofDays(7);

  private DeviceOfflineReader() {}

  /** The parameters; problems are recorded on {@code section} (the caller checks its count). */
  static DeviceOfflineConfig read(ConfigTree section) {
    section.allowKeys(List.of("longerThan", "kinds", "severity"));
    DeviceOfflineConfig d = DeviceOfflineConfig.defaults();
    Duration longer = section.duration("longerThan", d.longerThan(), MIN, MAX);
    Map<String, Severity> severities = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      severities.put(s.label(), s);
    }
    Severity severity = section.choice("severity", severities, d.severity());
    Map<String, Duration> byKind = new LinkedHashMap<>();
    ConfigTree kinds = section.sectionOrEmpty("kinds");
    for (String kind : kinds.keys()) {
      Duration wait = kinds.duration(kind, null, MIN, MAX);
      if (wait != null) {
        byKind.put(kind, wait);
      }
    }
    if (longer == null || severity == null) {
      return d;
    }
    return new DeviceOfflineConfig(longer, byKind, severity);
  }
}
