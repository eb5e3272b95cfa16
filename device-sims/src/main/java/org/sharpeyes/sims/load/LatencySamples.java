package org.sharpeyes.sims.load;

import java.time.Duration;

/**
 * Records latencies in microseconds into a fixed-size array. Once it is full, further values are
 * counted as dropped, never kept, so memory stays at {@code 8 × capacity} bytes. Thread-safe.
 */
public final class LatencySamples {

  private final long[] values;
  private int count;
  private long dropped;

  public LatencySamples(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.values = new long[capacity];
  }

  /** Records one latency; negative durations (clock steps) count as 0. */
  public synchronized void record(Duration latency) {
    record(Math.max(0, latency.toNanos() / 1000));
  }

  public synchronized void record(long micros) {
    if (count < values.length) {
      values[count++] = micros;
    } else {
      dropped++;
    }
  }

  public synchronized LatencySummary summary() {
    return LatencySummary.of(values, count, dropped);
  }
}
