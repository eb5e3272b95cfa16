package org.sharpeyes.ingest.pipeline;

/**
 * Acknowledges a message to the broker once the pipeline is done with it (stored, or
 * dead-lettered). Called on the ingest worker thread; must not block for long.
 */
@FunctionalInterface
public interface MessageAcknowledger {

  /**
   * Acknowledges {@code message}. When its connection is gone, does nothing: the broker redelivers
   * the message on the next connection and the pipeline finds it a duplicate.
   */
  void acknowledge(InboundMessage message);
}
