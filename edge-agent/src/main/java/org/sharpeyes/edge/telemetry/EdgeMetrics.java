package org.sharpeyes.edge.telemetry;

/**
 * Names of the agent's metrics (Micrometer names; Prometheus shows dots as underscores and adds
 * {@code _total} to counters). Documented in {@code docs/config.md}.
 */
public final class EdgeMetrics {

  private EdgeMetrics() {}

  public static final String EVENTS_PUBLISHED = "sharpeyes.edge.events.published";
  public static final String SNAPSHOTS_PUBLISHED = "sharpeyes.edge.snapshots.published";
  public static final String PUBLISH_FAILURES = "sharpeyes.edge.publish.failures";
  public static final String PUBLISH_LATENCY = "sharpeyes.edge.publish.latency";
  public static final String QUEUE_DEPTH = "sharpeyes.edge.queue.depth";
  public static final String QUEUE_IN_FLIGHT = "sharpeyes.edge.queue.in.flight";
  public static final String QUEUE_BYTES = "sharpeyes.edge.queue.bytes";
  public static final String QUEUE_DROPPED = "sharpeyes.edge.queue.dropped";
  public static final String QUEUE_REFUSED = "sharpeyes.edge.queue.refused";
  public static final String BROKER_STATE = "sharpeyes.edge.broker.state";
  public static final String BROKER_RECONNECTS = "sharpeyes.edge.broker.reconnects";
  public static final String DEVICE_EVENTS = "sharpeyes.edge.device.events";
  public static final String DEVICE_FAULTS = "sharpeyes.edge.device.faults";
  public static final String HTTP_REQUESTS = "sharpeyes.edge.http.requests";
  public static final String HTTP_CONNECTIONS_REFUSED = "sharpeyes.edge.http.connections.refused";
}
