package org.sharpeyes.edge.publish;

import java.util.Optional;

/**
 * The store between adapters and the publisher: adapters {@linkplain #offer offer}, the publisher
 * takes entries in sequence order and acknowledges or releases them. An entry leaves only when
 * acknowledged or dropped by the overflow policy; a released entry is sent again before every later
 * one.
 *
 * <p>{@link MemoryOutbox} is the in-memory implementation; a durable one can replace it behind this
 * interface. All methods are thread-safe and non-blocking; the consumer methods are meant for the
 * single publisher thread.
 */
public interface Outbox extends EventSink {

  /** The waiting entry with the lowest sequence number, now marked in flight; empty if none. */
  Optional<OutboxEntry> takeNext();

  /** The broker acknowledged the entry: forget it. Unknown sequence numbers are ignored. */
  void acknowledge(long seq);

  /** Sending the entry failed: put it back to be sent again, in order. */
  void release(long seq);

  /** The connection was lost: put every in-flight entry back, in order. */
  void releaseAll();

  OutboxStatus status();

  /**
   * Registers the one callback run after each accepted offer (on the offering thread, so it must
   * not block).
   */
  void onAvailable(Runnable listener);

  /** Refuses further offers; held entries stay for the publisher to drain. */
  void close();
}
