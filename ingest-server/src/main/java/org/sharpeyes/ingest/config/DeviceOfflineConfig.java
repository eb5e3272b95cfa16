package org.sharpeyes.ingest.config;

import java.time.Duration;
import java.util.Map;
import org.sharpeyes.ingest.reference.Severity;

/**
 * Parameters of rule {@code device-offline} ({@code rules.deviceOffline} in the config).
 *
 * @param longerThan a device (or an edge, by its last will) offline longer than this raises an
 *     alert
 * @param byKind a longer or shorter wait for one kind of device (devices.csv {@code kind}, e.g.
 *     {@code camera}); kinds not listed wait {@code longerThan}
 * @param severity the alerts' severity
 */
public record DeviceOfflineConfig(
    Duration longerThan, Map<String, Duration> byKind, Severity severity) {

  public static final Duration DEFAULT_LONGER_THAN = Duration.ofMinutes(5);

  public DeviceOfflineConfig {
    byKind = Map.copyOf(byKind);
  }

  public static DeviceOfflineConfig defaults() {
    return new DeviceOfflineConfig(DEFAULT_LONGER_THAN, Map.of(), Severity.MEDIUM);
  }

  /** How long a device of {@code kind} ({@code null}: unknown) may be offline unalerted. */
  public Duration longerThan(String kind) {
    return kind == null ? longerThan : byKind.getOrDefault(kind, longerThan);
  }
}
