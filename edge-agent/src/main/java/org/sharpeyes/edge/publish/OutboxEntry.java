package org.sharpeyes.edge.publish;

import java.time.Instant;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * One event waiting for the broker, as the outbox holds it. The arrays are owned by the outbox and
 * not copied; do not modify them.
 *
 * @param seq per-edge sequence number, equal to {@code event.seq()}
 * @param event the event with its sequence number
 * @param eventJson the event encoded for the wire (CloudEvents JSON)
 * @param snapshotJpeg the snapshot to publish before the event, or {@code null} (none, or dropped)
 * @param receivedAt when the sink took the event, for the receipt-to-PUBACK latency
 */
public record OutboxEntry(
    long seq, EdgeEvent event, byte[] eventJson, byte[] snapshotJpeg, Instant receivedAt) {

  public boolean hasSnapshot() {
    return snapshotJpeg != null;
  }

  /** Bytes this entry holds in memory (payloads only). */
  public long sizeBytes() {
    return eventJson.length + (snapshotJpeg == null ? 0 : snapshotJpeg.length);
  }

  public OutboxEntry withoutSnapshot() {
    return new OutboxEntry(seq, event, eventJson, null, receivedAt);
  }
}
