package org.sharpeyes.edge.health;

import java.util.Objects;
import org.sharpeyes.schema.event.DeviceStatus.Availability;

/**
 * What the health rules make of one device at one moment.
 *
 * @param deviceId the device's own 20-digit id (a GA/T 1400 platform's child camera has its own)
 * @param availability online, offline or degraded
 * @param reason in words, or {@code null} when online with nothing to say
 * @param fps the measured analysis rate of a camera, or {@code null}
 */
public record Observation(String deviceId, Availability availability, String reason, Double fps) {

  /** Longest reason sent; the schema allows 256 characters. */
  static final int MAX_REASON = 256;

  public Observation {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(availability, "availability");
    if (reason != null && reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON - 1) + "…";
    }
  }
}
