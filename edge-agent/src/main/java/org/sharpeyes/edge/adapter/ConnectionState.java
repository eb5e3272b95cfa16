package org.sharpeyes.edge.adapter;

/**
 * How the adapter's link to its device is doing. For adapters that connect out (cameras, gates)
 * this is the connection; for push adapters that listen (plate readers) {@code CONNECTED} means the
 * device has reached the listener since start, {@code DISCONNECTED} that it has not yet.
 */
public enum ConnectionState {
  CONNECTING,
  CONNECTED,
  DISCONNECTED,
  /** A problem retrying cannot fix by itself, e.g. the listen port is taken; see lastError. */
  ERROR
}
