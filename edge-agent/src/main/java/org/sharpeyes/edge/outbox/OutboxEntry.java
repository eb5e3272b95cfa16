package org.sharpeyes.edge.outbox;

import java.time.Instant;
import org.sharpeyes.schema.event.EventType;

/**
 * One event waiting for the broker, as the outbox hands it out. The arrays are owned by the outbox
 * and not copied; do not modify them.
 *
 * @param seq per-edge sequence number, the same as in {@code eventJson}
 * @param eventId the event's id (for the snapshot topic)
 * @param type the event's type (for the event topic)
 * @param eventJson the event encoded for the wire (CloudEvents JSON), {@code seq} included
 * @param snapshotJpeg the snapshot to publish before the event, or {@code null} (none, or dropped)
 * @param receivedAt when the sink took the event, for the receipt-to-PUBACK latency
 */
public record OutboxEntry(
    long seq,
    String eventId,
    EventType type,
    byte[] eventJson,
    byte[] snapshotJpeg,
    Instant receivedAt) {

  public boolean hasSnapshot() {
    return snapshotJpeg != null;
  }
}
