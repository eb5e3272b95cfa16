package org.sharpeyes.ingest.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.plate.PlateNumber;

/**
 * One row of the {@code events} table.
 *
 * @param kind event kind, e.g. {@code vehicle.sighted} (the {@code type} column)
 * @param plate normalised plate of a {@code vehicle.sighted}, else {@code null}
 * @param payload the CloudEvents JSON exactly as received
 */
public record EventRow(
    String id,
    String kind,
    String edgeId,
    String deviceId,
    long seq,
    Instant eventTime,
    Instant receivedAt,
    String plate,
    String payload) {

  /** The row for a decoded event and the bytes it was decoded from (valid UTF-8). */
  public static EventRow of(EdgeEvent event, byte[] payload, Instant receivedAt) {
    String plate =
        event.data() instanceof VehicleSighted v ? PlateNumber.normalise(v.plateNumber()) : null;
    return new EventRow(
        event.id(),
        event.type().kind(),
        event.edgeId(),
        event.deviceId(),
        event.seq(),
        event.time(),
        receivedAt,
        plate,
        new String(payload, StandardCharsets.UTF_8));
  }
}
