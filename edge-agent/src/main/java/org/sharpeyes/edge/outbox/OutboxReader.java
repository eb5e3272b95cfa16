package org.sharpeyes.edge.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.sharpeyes.schema.event.EventType;

/**
 * The publisher's side of the outbox: hands out stored events in sequence order, remembers which
 * are in flight and which are acknowledged but not yet deleted, and goes back when entries are
 * released. Reads through its own connection, a few rows ahead. Thread-safe (one lock); meant for
 * the publisher thread, with {@link #forget} called by the writer after each commit.
 */
final class OutboxReader implements AutoCloseable {

  static final int READ_AHEAD = 64;

  /** A stored event read ahead, without its snapshot. */
  private record Row(
      long seq,
      String eventId,
      EventType type,
      long receivedAtMillis,
      byte[] eventJson,
      boolean hasSnapshot) {}

  private final Object lock = new Object();
  private final PreparedStatement rowsAfter;
  private final PreparedStatement snapshot;
  private final Runnable redelivered;

  // Guarded by lock.
  private final ArrayDeque<Row> ahead = new ArrayDeque<>();
  private final Set<Long> inFlight = new HashSet<>();
  private final Set<Long> acked = new HashSet<>();
  private long cursor;
  private long evictedThrough;
  private boolean closed;

  private volatile long sentThrough;

  /**
   * @param sentThrough the highest sequence number possibly sent before (persisted): handing out
   *     one at or below it counts as a redelivery
   * @param redelivered called for each redelivery
   */
  OutboxReader(Connection reader, long sentThrough, Runnable redelivered) throws SQLException {
    this.sentThrough = sentThrough;
    this.redelivered = redelivered;
    rowsAfter =
        reader.prepareStatement(
            "SELECT e.seq, e.event_id, e.type, e.received_at, e.event_json, s.seq IS NOT NULL"
                + " FROM outbox_event e LEFT JOIN outbox_snapshot s ON s.seq = e.seq"
                + " WHERE e.seq > ? ORDER BY e.seq LIMIT "
                + READ_AHEAD);
    snapshot = reader.prepareStatement("SELECT jpeg FROM outbox_snapshot WHERE seq = ?");
  }

  /** The next stored event not in flight, now in flight; empty when there is none. */
  Optional<OutboxEntry> takeNext() throws SQLException {
    synchronized (lock) {
      while (!closed) {
        if (ahead.isEmpty() && !readAhead()) {
          return Optional.empty();
        }
        Row r = ahead.poll();
        if (r.seq() <= evictedThrough || inFlight.contains(r.seq()) || acked.contains(r.seq())) {
          continue;
        }
        // The snapshot may have been dropped since the row was read: then the event goes alone.
        byte[] jpeg = r.hasSnapshot() ? snapshotOf(r.seq()) : null;
        inFlight.add(r.seq());
        if (r.seq() <= sentThrough) {
          redelivered.run();
        } else {
          sentThrough = r.seq();
        }
        return Optional.of(
            new OutboxEntry(
                r.seq(),
                r.eventId(),
                r.type(),
                r.eventJson(),
                jpeg,
                Instant.ofEpochMilli(r.receivedAtMillis())));
      }
      return Optional.empty();
    }
  }

  private boolean readAhead() throws SQLException {
    rowsAfter.setLong(1, cursor);
    try (ResultSet rs = rowsAfter.executeQuery()) {
      while (rs.next()) {
        String kind = rs.getString(3);
        EventType type =
            EventType.fromKind(kind)
                .orElseThrow(() -> new SQLException("unknown event type '" + kind + "' stored"));
        Row r =
            new Row(
                rs.getLong(1),
                rs.getString(2),
                type,
                rs.getLong(4),
                rs.getBytes(5),
                rs.getBoolean(6));
        ahead.add(r);
        cursor = r.seq();
      }
    }
    return !ahead.isEmpty();
  }

  private byte[] snapshotOf(long seq) throws SQLException {
    snapshot.setLong(1, seq);
    try (ResultSet rs = snapshot.executeQuery()) {
      return rs.next() ? rs.getBytes(1) : null;
    }
  }

  /** The broker acknowledged the entry; false when it was not in flight (then ignore it). */
  boolean acknowledge(long seq) {
    synchronized (lock) {
      if (!inFlight.remove(seq)) {
        return false;
      }
      acked.add(seq);
      return true;
    }
  }

  /** The entry never reached the broker: it is sent again before every later one. */
  void release(long seq) {
    synchronized (lock) {
      if (inFlight.remove(seq)) {
        rewindTo(seq - 1);
        if (sentThrough == seq) {
          sentThrough = seq - 1;
        }
      }
    }
  }

  /** The connection was lost: everything in flight is sent again, oldest first. */
  void releaseAll() {
    synchronized (lock) {
      inFlight.clear();
      rewindTo(0);
    }
  }

  private void rewindTo(long seq) {
    long firstUnread = ahead.isEmpty() ? cursor : ahead.peek().seq() - 1;
    cursor = Math.min(firstUnread, seq);
    ahead.clear();
  }

  /**
   * The writer committed: {@code deleted} are gone from the file, and so is every event up to
   * {@code newEvictedThrough}.
   */
  void forget(Collection<Long> deleted, long newEvictedThrough) {
    synchronized (lock) {
      acked.removeAll(deleted);
      if (!deleted.isEmpty()) {
        Set<Long> gone = new HashSet<>(deleted);
        ahead.removeIf(r -> gone.contains(r.seq()));
      }
      evictedThrough = Math.max(evictedThrough, newEvictedThrough);
    }
  }

  /** Whether the entry is acknowledged and waits to be deleted. */
  boolean isAcknowledged(long seq) {
    synchronized (lock) {
      return acked.contains(seq);
    }
  }

  int inFlight() {
    synchronized (lock) {
      return inFlight.size();
    }
  }

  /** Entries acknowledged and not yet deleted. */
  int acknowledgedPending() {
    synchronized (lock) {
      return acked.size();
    }
  }

  /** The highest sequence number handed to the publisher, here or in an earlier run. */
  long sentThrough() {
    return sentThrough;
  }

  @Override
  public void close() throws SQLException {
    synchronized (lock) {
      closed = true;
      rowsAfter.close();
      snapshot.close();
    }
  }
}
