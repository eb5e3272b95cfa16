package org.sharpeyes.ingest.device;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.sharpeyes.schema.event.DeviceStatus;

/** What the server knows of a device's availability. */
public enum Availability {
  ONLINE,
  OFFLINE,
  DEGRADED,
  /** No report yet, or its edge is offline (then the reason is {@code edge-offline}). */
  UNKNOWN;

  /** As in the database, JSON and metric labels, e.g. {@code offline}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Availability> fromLabel(String label) {
    return Arrays.stream(values()).filter(a -> a.label().equals(label)).findFirst();
  }

  static Availability of(DeviceStatus.Availability reported) {
    return switch (reported) {
      case ONLINE -> ONLINE;
      case OFFLINE -> OFFLINE;
      case DEGRADED -> DEGRADED;
    };
  }
}
