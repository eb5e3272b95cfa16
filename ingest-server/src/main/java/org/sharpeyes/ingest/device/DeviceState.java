package org.sharpeyes.ingest.device;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest availability of one device.
 *
 * @param deviceId 20-digit GB/T 28181 id
 * @param edgeId the edge that reported it (devices.csv for a device that never reported)
 * @param availability what is known now
 * @param since when it entered this availability; {@code null} for a device never heard of
 * @param reason in words (the edge's, or {@code edge-offline}), or {@code null}
 * @param fps frames per second in the latest report, or {@code null}
 * @param latencyMs latency in milliseconds in the latest report, or {@code null}
 * @param reportedAt event time of the latest report, or {@code null} when none came
 * @param eventId the latest report's event id, or {@code null}
 * @param sinceEventId the report that began this availability, or {@code null}
 */
public record DeviceState(
    String deviceId,
    String edgeId,
    Availability availability,
    Instant since,
    String reason,
    Double fps,
    Double latencyMs,
    Instant reportedAt,
    String eventId,
    String sinceEventId) {

  /** The reason of a device whose edge left its last will. */
  public static final String EDGE_OFFLINE = "edge-offline";

  public DeviceState {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(availability, "availability");
  }

  /** A device known from devices.csv that has not reported yet. */
  static DeviceState unknown(String deviceId, String edgeId) {
    return new DeviceState(
        deviceId, edgeId, Availability.UNKNOWN, null, null, null, null, null, null, null);
  }

  /** This device as seen while its edge is offline since {@code at}. */
  DeviceState behindOfflineEdge(Instant at) {
    return new DeviceState(
        deviceId,
        edgeId,
        Availability.UNKNOWN,
        at,
        EDGE_OFFLINE,
        fps,
        latencyMs,
        reportedAt,
        eventId,
        sinceEventId);
  }
}
