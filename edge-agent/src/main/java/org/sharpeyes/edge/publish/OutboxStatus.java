package org.sharpeyes.edge.publish;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the outbox holds right now.
 *
 * @param waiting entries not yet sent (or put back after a failure)
 * @param inFlight entries sent and waiting for PUBACK
 * @param bytes payload bytes held
 * @param capacity bound on {@code waiting + inFlight}
 * @param capacityBytes bound on {@code bytes}
 * @param droppedEvents events dropped to make room, since start
 * @param droppedSnapshots snapshots dropped to make room, since start
 * @param refused offers refused because no room could be made, since start
 * @param lastSeq the last sequence number assigned, 0 before the first event
 */
public record OutboxStatus(
    int waiting,
    int inFlight,
    long bytes,
    int capacity,
    long capacityBytes,
    long droppedEvents,
    long droppedSnapshots,
    long refused,
    long lastSeq) {

  /** Entries held, waiting or in flight. */
  @JsonProperty("depth")
  public int depth() {
    return waiting + inFlight;
  }
}
