package org.sharpeyes.ingest.mqtt;

/**
 * Connection status of the {@link IngestSubscriber}, kept apart from whether it is running: a
 * running subscriber may well be disconnected and retrying.
 */
public enum ConnectionState {
  /** Not connected; a reconnect is scheduled (or the subscriber is stopped). */
  DISCONNECTED,
  /** A connect or subscribe is in flight. */
  CONNECTING,
  /** Connected and subscribed: messages flow. */
  CONNECTED
}
