package org.sharpeyes.schema.event;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One event as it travels from an edge to the ingest-server: the CloudEvents 1.0 envelope fields
 * that this project uses plus the typed data.
 *
 * @param id created at the edge when the event is first observed (UUIDv7); never changed by retries
 * @param edgeId the edge box that observed it
 * @param deviceId 20-digit GB/T 28181 id of the device
 * @param seq per-edge monotonic sequence number, starting at 1
 * @param time when the device saw it
 * @param data the typed payload
 */
public record EdgeEvent(
    String id, String edgeId, String deviceId, long seq, Instant time, EventData data) {

  public EdgeEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(edgeId, "edgeId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }

  public EventType type() {
    return data.eventType();
  }

  /** CloudEvents {@code source}: {@code /edge/{edgeId}/device/{deviceId}}. */
  public URI source() {
    return sourceOf(edgeId, deviceId);
  }

  public static URI sourceOf(String edgeId, String deviceId) {
    return URI.create("/edge/" + edgeId + "/device/" + deviceId);
  }

  /** A copy of this event with another sequence number (assigned by the edge publisher). */
  public EdgeEvent withSeq(long newSeq) {
    return new EdgeEvent(id, edgeId, deviceId, newSeq, time, data);
  }
}
