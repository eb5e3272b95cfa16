package org.sharpeyes.edge.publish;

/** The publisher's connection to the broker. */
public enum PublisherState {
  /** Not connected; a new attempt is scheduled. */
  DISCONNECTED,
  /** A connection attempt is under way. */
  CONNECTING,
  /** Connected; events flow. */
  CONNECTED,
  /** Closed for good. */
  STOPPED
}
