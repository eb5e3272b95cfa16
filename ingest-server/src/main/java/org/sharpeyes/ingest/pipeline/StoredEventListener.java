package org.sharpeyes.ingest.pipeline;

import java.time.Instant;
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
}
