package org.sharpeyes.ingest.pipeline;

import java.time.Instant;
import java.util.List;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * Told about each event after it has been durably stored for the first time (never for a
 * duplicate). Called on the ingest worker thread, in the order events were stored; implementations
 * must not block for long and must not throw (a failure is theirs to log and count).
 */
@FunctionalInterface
public interface StoredEventListener {

  /**
   * @param event the stored event
   * @param receivedAt when the ingest-server received the MQTT message (for latency metrics)
   */
  void onStored(EdgeEvent event, Instant receivedAt);

  /**
   * The events of one committed ingest batch, in order. Listeners that write to the database
   * override this to do one transaction per batch; the default calls {@link #onStored} for each.
   */
  default void onStoredBatch(List<Stored> batch) {
    for (Stored s : batch) {
      onStored(s.event(), s.receivedAt());
    }
  }

  /** One stored event and when its message was received. */
  record Stored(EdgeEvent event, Instant receivedAt) {}
}
