package org.sharpeyes.ingest.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queues between the MQTT subscriber and the ingest workers, one per worker. A message
 * goes to the queue of its edge (the topic's edge segment, hashed), so every edge's events,
 * snapshots and status are handled by one worker, in the order the broker delivered them: the
 * sequence ledger and the alert folding depend on that order.
 *
 * <p>The capacity configured ({@code ingest.workerQueue}) is shared out evenly; a full partition
 * holds up the subscriber even when the others have room, as one queue did before. Thread-safe.
 */
public final class IntakeQueues {

  private static final String EDGE_SEGMENT = "/edge/";

  private final List<BlockingQueue<InboundMessage>> queues;
  private final int capacity;

  /**
   * @param partitions how many workers drain the queues (at least 1)
   * @param capacity messages held in all the queues together (each holds at least one)
   */
  public IntakeQueues(int partitions, int capacity) {
    if (partitions < 1 || capacity < 1) {
      throw new IllegalArgumentException("partitions and capacity must be positive");
    }
    int each = Math.max(1, capacity / partitions);
    List<BlockingQueue<InboundMessage>> made = new ArrayList<>(partitions);
    for (int i = 0; i < partitions; i++) {
      made.add(new ArrayBlockingQueue<>(each));
    }
    this.queues = List.copyOf(made);
    this.capacity = each * partitions;
  }

  public int partitions() {
    return queues.size();
  }

  /** The queue worker {@code index} drains. */
  public BlockingQueue<InboundMessage> partition(int index) {
    return queues.get(index);
  }

  /**
   * The partition of {@code topic}: by its edge segment ({@code sharpeyes/v1/edge/EDGE/...}); a
   * topic without one (never subscribed to) goes to partition 0.
   */
  public int partitionOf(String topic) {
    if (queues.size() == 1) {
      return 0;
    }
    int start = topic.indexOf(EDGE_SEGMENT);
    if (start < 0) {
      return 0;
    }
    start += EDGE_SEGMENT.length();
    int end = topic.indexOf('/', start);
    if (end < 0) {
      end = topic.length();
    }
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + topic.charAt(i);
    }
    return Math.floorMod(hash ^ (hash >>> 16), queues.size());
  }

  /**
   * Queues {@code message} on its edge's partition, waiting up to {@code timeout} for room.
   *
   * @return {@code false} when the partition stayed full
   */
  public boolean offer(InboundMessage message, long timeout, TimeUnit unit)
      throws InterruptedException {
    return queues.get(partitionOf(message.topic())).offer(message, timeout, unit);
  }

  /** Whether any partition is full (the subscriber then waits before reconnecting). */
  public boolean anyFull() {
    for (BlockingQueue<InboundMessage> q : queues) {
      if (q.remainingCapacity() == 0) {
        return true;
      }
    }
    return false;
  }

  /** Messages waiting in all partitions. */
  public int size() {
    int size = 0;
    for (BlockingQueue<InboundMessage> q : queues) {
      size += q.size();
    }
    return size;
  }

  /** Messages all partitions can hold together. */
  public int capacity() {
    return capacity;
  }
}
