package org.sharpeyes.edge.outbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the events offered but not yet written, by count and bytes, so that a disk slower than the
 * devices cannot fill the memory. Not the outbox bound: this one refuses (the device retries)
 * rather than drops. One event is always admitted when nothing is pending. Thread-safe.
 */
final class PendingWrites {

  static final long MAX_EVENTS = 10_000;
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final AtomicLong events = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  /** Reserves room for one event of about {@code size} bytes; false when the bound is reached. */
  boolean tryReserve(long size) {
    long n = events.incrementAndGet();
    long b = bytes.addAndGet(size);
    if (n > 1 && (n > MAX_EVENTS || b > MAX_BYTES)) {
      release(size);
      return false;
    }
    return true;
  }

  void release(long size) {
    events.decrementAndGet();
    bytes.addAndGet(-size);
  }

  long events() {
    return events.get();
  }
}
