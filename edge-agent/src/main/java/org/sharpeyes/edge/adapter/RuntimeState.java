package org.sharpeyes.edge.adapter;

/**
 * Where an adapter is in its own lifecycle, whatever the device is doing. Kept apart from {@link
 * ConnectionState}: an adapter can be {@code STARTED} while its device is unreachable.
 */
public enum RuntimeState {
  STARTING,
  STARTED,
  STOPPING,
  STOPPED
}
