package org.sharpeyes.edge.telemetry;

/**
 * Names of the agent's metrics (Micrometer names; Prometheus shows dots as underscores and adds
 * {@code _total} to counters). Documented in {@code docs/metrics.md}.
 */
public final class EdgeMetrics {

  private EdgeMetrics() {}

  public static final String EVENTS_PUBLISHED = "sharpeyes.edge.events.published";
  public static final String SNAPSHOTS_PUBLISHED = "sharpeyes.edge.snapshots.published";
  public static final String PUBLISH_FAILURES = "sharpeyes.edge.publish.failures";
  public static final String PUBLISH_LATENCY = "sharpeyes.edge.publish.latency";
  public static final String OUTBOX_DEPTH = "sharpeyes.edge.outbox.depth";
  public static final String OUTBOX_IN_FLIGHT = "sharpeyes.edge.outbox.in.flight";
  public static final String OUTBOX_BYTES = "sharpeyes.edge.outbox.bytes";
  public static final String OUTBOX_OLDEST_AGE = "sharpeyes.edge.outbox.oldest.age";
  public static final String OUTBOX_DROPPED = "sharpeyes.edge.outbox.dropped";
  public static final String OUTBOX_REFUSED = "sharpeyes.edge.outbox.refused";
  public static final String OUTBOX_REDELIVERED = "sharpeyes.edge.outbox.redelivered";
  public static final String OUTBOX_COMMIT = "sharpeyes.edge.outbox.commit";
  public static final String OUTBOX_BATCH = "sharpeyes.edge.outbox.batch";
  public static final String BROKER_STATE = "sharpeyes.edge.broker.state";
  public static final String BROKER_RECONNECTS = "sharpeyes.edge.broker.reconnects";
  public static final String DEVICE_EVENTS = "sharpeyes.edge.device.events";
  public static final String DEVICE_FAULTS = "sharpeyes.edge.device.faults";
  public static final String HTTP_REQUESTS = "sharpeyes.edge.http.requests";
  public static final String HTTP_CONNECTIONS_REFUSED = "sharpeyes.edge.http.connections.refused";
}
