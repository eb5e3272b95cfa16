package org.sharpeyes.edge.outbox;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the outbox holds right now.
 *
 * @param path the outbox file
 * @param depth events held, waiting or in flight
 * @param inFlight events sent and waiting for PUBACK
 * @param bytes payload bytes held (events and snapshots)
 * @param maxEvents bound on {@code depth}
 * @param maxBytes bound on {@code bytes}
 * @param oldestAgeSeconds age of the oldest event held, 0 when empty
 * @param droppedEvents events dropped to make room, since start
 * @param droppedSnapshots snapshots dropped to make room, since start
 * @param refused offers refused (agent stopping, disk behind or failing), since start
 * @param redelivered events published again after a restart or a lost connection, since start
 * @param lastSeq the last sequence number assigned, 0 before the first event ever
 */
public record OutboxStatus(
    String path,
    long depth,
    long inFlight,
    long bytes,
    long maxEvents,
    long maxBytes,
    double oldestAgeSeconds,
    long droppedEvents,
    long droppedSnapshots,
    long refused,
    long redelivered,
    long lastSeq) {

  /** Events held and not in flight. */
  @JsonProperty("waiting")
  public long waiting() {
    return depth - inFlight;
  }
}
