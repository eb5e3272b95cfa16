package org.sharpeyes.ingest.mqtt;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.sharpeyes.ingest.pipeline.InboundMessage;
import org.sharpeyes.ingest.pipeline.IntakeQueues;

/**
 * The intake's wait for room in the worker queues: at most the given time, in short slices, so that
 * a subscriber being closed stops waiting at once instead of at the end of the wait.
 */
final class RoomWait {

  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private RoomWait() {}

  /**
   * @param stillWanted asked after each slice; {@code false} ends the wait
   * @return whether {@code message} was queued
   */
  static boolean offer(
      IntakeQueues queue, InboundMessage message, Duration wait, BooleanSupplier stillWanted) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (queue.offer(message, Math.max(0, Math.min(left, SLICE_NANOS)), TimeUnit.NANOSECONDS)) {
          return true;
        }
        if (!stillWanted.getAsBoolean() || System.nanoTime() - deadline >= 0) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
