package org.sharpeyes.edge.outbox;

import java.sql.SQLException;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The outbox's bounds and overflow policy, with running totals of what the file holds. To make room
 * for a new event it drops, in this order: stored snapshots, oldest first (only when bytes are
 * short); the new event's own snapshot; then the oldest events with their snapshots. It never waits
 * and never refuses for lack of room, except an event that alone exceeds the byte bound. Confined
 * to the writer thread; changes belong to the writer's open transaction.
 */
final class OutboxBounds {

  /** One item dropped to make room: {@code kind} is {@code event} or {@code snapshot}. */
  record Drop(String kind, long seq, String type, String deviceId) {}

  /** The totals, to put back when a transaction is rolled back. */
  record Totals(long events, long eventBytes, long snapshots, long snapshotBytes) {}

  private final long maxEvents;
  private final long maxBytes;
  private long events;
  private long eventBytes;
  private long snapshots;
  private long snapshotBytes;
  private long removals;

  OutboxBounds(long maxEvents, long maxBytes, Totals start) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    restore(start);
  }

  /**
   * Drops what has to go so that an event of {@code newEventBytes} (and its snapshot of {@code
   * newSnapshotBytes}, 0 for none) fits.
   *
   * @param acked whether a stored event has already been acknowledged (deleting it is no drop)
   * @param drops receives every drop, in order
   * @return whether the new snapshot can be kept; callers check {@link #fits} first
   */
  boolean makeRoom(
      OutboxStore store,
      long newSeq,
      String newType,
      String newDeviceId,
      long newEventBytes,
      long newSnapshotBytes,
      LongPredicate acked,
      List<Drop> drops)
      throws SQLException {
    boolean keepSnapshot = newSnapshotBytes > 0;
    if (keepSnapshot && newEventBytes + newSnapshotBytes > maxBytes) {
      keepSnapshot = false;
      drops.add(new Drop("snapshot", newSeq, newType, newDeviceId));
    }
    while (true) {
      long need = newEventBytes + (keepSnapshot ? newSnapshotBytes : 0);
      boolean overBytes = bytes() + need > maxBytes;
      if (events + 1 <= maxEvents && !overBytes) {
        return keepSnapshot;
      }
      if (overBytes && snapshots > 0) {
        OutboxStore.StoredSnapshot oldest = store.oldestSnapshot();
        store.deleteSnapshot(oldest.seq());
        snapshots--;
        snapshotBytes -= oldest.bytes();
        drops.add(new Drop("snapshot", oldest.seq(), null, null));
        continue;
      }
      if (overBytes && keepSnapshot) {
        keepSnapshot = false;
        drops.add(new Drop("snapshot", newSeq, newType, newDeviceId));
        continue;
      }
      OutboxStore.StoredEvent oldest = store.oldestEvent();
      if (oldest == null) {
        // The totals drifted from the file; it is empty, so start them again from zero.
        restore(new Totals(0, 0, 0, 0));
        continue;
      }
      store.delete(oldest.seq());
      removed(oldest);
      if (!acked.test(oldest.seq())) {
        if (oldest.snapshotBytes() > 0) {
          drops.add(new Drop("snapshot", oldest.seq(), oldest.type(), oldest.deviceId()));
        }
        drops.add(new Drop("event", oldest.seq(), oldest.type(), oldest.deviceId()));
      }
    }
  }

  /** Whether an event of this size can be stored at all (without its snapshot). */
  boolean fits(long eventBytes) {
    return eventBytes <= maxBytes;
  }

  void added(long newEventBytes, long newSnapshotBytes) {
    events++;
    eventBytes += newEventBytes;
    if (newSnapshotBytes > 0) {
      snapshots++;
      snapshotBytes += newSnapshotBytes;
    }
  }

  void removed(OutboxStore.StoredEvent e) {
    removals++;
    events--;
    eventBytes -= e.eventBytes();
    if (e.snapshotBytes() > 0) {
      snapshots--;
      snapshotBytes -= e.snapshotBytes();
    }
  }

  long events() {
    return events;
  }

  /** Events removed so far (acknowledged or dropped); only ever grows. */
  long removals() {
    return removals;
  }

  long bytes() {
    return eventBytes + snapshotBytes;
  }

  Totals totals() {
    return new Totals(events, eventBytes, snapshots, snapshotBytes);
  }

  void restore(Totals t) {
    events = t.events();
    eventBytes = t.eventBytes();
    snapshots = t.snapshots();
    snapshotBytes = t.snapshotBytes();
  }
}
