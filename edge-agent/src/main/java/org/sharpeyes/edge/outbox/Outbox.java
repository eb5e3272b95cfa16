package org.sharpeyes.edge.outbox;

import java.util.Optional;

/**
 * The store between adapters and the publisher: adapters {@linkplain #offer offer}, the publisher
 * takes entries in sequence order and acknowledges or releases them. An entry leaves only when
 * acknowledged or dropped by the overflow policy; a released entry is sent again before every later
 * one.
 *
 * <p>{@link DiskOutbox} is the implementation. All methods are thread-safe and do not block on the
 * disk for long; the consumer methods ({@link #takeNext}, {@link #acknowledge}, {@link #release},
 * {@link #releaseAll}) are meant for the single publisher thread.
 */
public interface Outbox extends EventSink, AutoCloseable {

  /** The waiting entry with the lowest sequence number, now marked in flight; empty if none. */
  Optional<OutboxEntry> takeNext();

  /** The broker acknowledged the entry: forget it. Unknown sequence numbers are ignored. */
  void acknowledge(long seq);

  /** Sending the entry failed before it reached the broker: it is sent again, in order. */
  void release(long seq);

  /** The connection was lost: every in-flight entry is sent again, in order. */
  void releaseAll();

  OutboxStatus status();

  /**
   * Registers the one callback run after new entries are stored (on the outbox's thread, so it must
   * not block).
   */
  void onAvailable(Runnable listener);

  /** Refuses further offers; held entries stay for the publisher to drain. */
  void refuseOffers();

  /** Refuses offers, finishes what was offered, and releases the store. Idempotent; blocks. */
  @Override
  void close();
}
