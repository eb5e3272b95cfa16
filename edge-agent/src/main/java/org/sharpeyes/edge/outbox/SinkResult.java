package org.sharpeyes.edge.outbox;

/** What an {@link EventSink} did with an offered event. */
public sealed interface SinkResult {

  /** Taken; {@code seq} is the per-edge sequence number it will be published with. */
  record Accepted(long seq) implements SinkResult {}

  /** Not taken; {@code reason} is fit to show the device or an operator. */
  record Refused(String reason) implements SinkResult {}
}
