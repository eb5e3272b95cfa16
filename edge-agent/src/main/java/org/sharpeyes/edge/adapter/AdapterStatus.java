package org.sharpeyes.edge.adapter;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of one adapter, for {@code /status}.
 *
 * @param deviceId the device's GB/T 28181 id
 * @param name the device's name, or {@code null}
 * @param kind the device kind
 * @param runtimeState the adapter's lifecycle state
 * @param connectionState the link to the device
 * @param endpoint where the adapter listens or connects, e.g. {@code http://0.0.0.0:8081/plates};
 *     {@code null} before start
 * @param lastError the last fault in words, or {@code null}
 * @param lastErrorAt when it happened, or {@code null}
 * @param lastEventAt when the adapter last handed an event to the sink, or {@code null}
 * @param counters totals since start
 * @param lastContactAt when the device last showed it was alive (a push, a keepalive, a frame, a
 *     session message), or {@code null} when never since start
 * @param details kind-specific facts for {@code /status} and {@code probe}, by name (e.g. a GA/T
 *     1400 device's {@code registeredAt}, a camera's measured {@code fps}); sorted, never null
 */
public record AdapterStatus(
    String deviceId,
    String name,
    DeviceKind kind,
    RuntimeState runtimeState,
    ConnectionState connectionState,
    String endpoint,
    String lastError,
    Instant lastErrorAt,
    Instant lastEventAt,
    Counters counters,
    Instant lastContactAt,
    Map<String, String> details) {

  public AdapterStatus {
    details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /**
   * Totals since the adapter started.
   *
   * @param eventsAccepted events the sink took
   * @param inputsRejected device messages rejected as malformed or invalid
   * @param eventsRefused events the sink refused (agent stopping, outbox disk behind or failing)
   * @param failures other faults: connection, start, internal
   */
  public record Counters(
      long eventsAccepted, long inputsRejected, long eventsRefused, long failures) {}
}
