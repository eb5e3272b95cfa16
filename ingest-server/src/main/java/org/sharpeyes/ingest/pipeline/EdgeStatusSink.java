package org.sharpeyes.ingest.pipeline;

import java.time.Instant;
import org.sharpeyes.schema.topic.EdgeStatusMessage;

/**
 * Where the ingest worker hands each edge status message ({@code online} on connect, {@code
 * offline} as last will). Called on the worker thread; must return at once.
 */
public interface EdgeStatusSink {

  /**
   * Records a status message.
   *
   * @param receivedAt when the server received it
   * @return {@code false} when the edge is not tracked (a bound was reached); the worker counts it
   */
  boolean update(EdgeStatusMessage message, Instant receivedAt);
}
