package org.sharpeyes.schema.topic;

import org.sharpeyes.schema.event.EventType;

/** A parsed MQTT topic of this project. Build and parse topics with {@link Topics}. */
public sealed interface TopicAddress {

  /** {@code sharpeyes/v1/edge/{edgeId}/events/{kind}} */
  record Events(String edgeId, EventType type) implements TopicAddress {}

  /** {@code sharpeyes/v1/edge/{edgeId}/snapshots/{eventId}} */
  record Snapshot(String edgeId, String eventId) implements TopicAddress {}

  /** {@code sharpeyes/v1/edge/{edgeId}/status} */
  record Status(String edgeId) implements TopicAddress {}

  /** {@code sharpeyes/v1/edge/{edgeId}/sync/{what}} */
  record Sync(String edgeId, String what) implements TopicAddress {}

  /** {@code sharpeyes/v1/watchlist/photos/{sha256}} */
  record WatchlistPhoto(String sha256) implements TopicAddress {}

  /**
   * {@code sharpeyes/v1/alerts/{codes…}/{kind}}: an alert change of the place {@code regionCodes}
   * (city first; empty when unplaced).
   */
  record Alerts(java.util.List<String> regionCodes, String kind) implements TopicAddress {
    public Alerts {
      regionCodes = java.util.List.copyOf(regionCodes);
    }
  }
}
