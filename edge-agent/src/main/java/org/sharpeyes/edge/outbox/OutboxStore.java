package org.sharpeyes.edge.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The writer's statements on the outbox file. Confined to the writer thread; every change is part
 * of the open transaction until {@link #commit()}.
 */
final class OutboxStore implements AutoCloseable {

  /** A stored event as the overflow policy sees it. */
  record StoredEvent(long seq, long eventBytes, long snapshotBytes, String type, String deviceId) {}

  /** A stored snapshot: its event's sequence number and its size. */
  record StoredSnapshot(long seq, long bytes) {}

  /** The oldest stored event. */
  record Oldest(long seq, long receivedAtMillis) {}

  private final Connection c;
  private final PreparedStatement insertEvent;
  private final PreparedStatement insertSnapshot;
  private final PreparedStatement sizeOf;
  private final PreparedStatement deleteEvent;
  private final PreparedStatement deleteSnapshot;
  private final PreparedStatement oldestSnapshot;
  private final PreparedStatement oldestEvent;
  private final PreparedStatement oldest;
  private final PreparedStatement setMeta;

  OutboxStore(Connection writer) throws SQLException {
    this.c = writer;
    insertEvent =
        c.prepareStatement(
            "INSERT INTO outbox_event (seq, event_id, type, device_id, received_at, event_json)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
    insertSnapshot = c.prepareStatement("INSERT INTO outbox_snapshot (seq, jpeg) VALUES (?, ?)");
    sizeOf =
        c.prepareStatement(
            "SELECT length(e.event_json), length(s.jpeg), e.type, e.device_id FROM outbox_event e"
                + " LEFT JOIN outbox_snapshot s ON s.seq = e.seq WHERE e.seq = ?");
    deleteEvent = c.prepareStatement("DELETE FROM outbox_event WHERE seq = ?");
    deleteSnapshot = c.prepareStatement("DELETE FROM outbox_snapshot WHERE seq = ?");
    oldestSnapshot =
        c.prepareStatement("SELECT seq, length(jpeg) FROM outbox_snapshot ORDER BY seq LIMIT 1");
    oldestEvent = c.prepareStatement("SELECT seq FROM outbox_event ORDER BY seq LIMIT 1");
    oldest = c.prepareStatement("SELECT seq, received_at FROM outbox_event ORDER BY seq LIMIT 1");
    setMeta = c.prepareStatement("INSERT OR REPLACE INTO outbox_meta (key, value) VALUES (?, ?)");
  }

  void insert(
      long seq,
      String eventId,
      String type,
      String deviceId,
      long receivedAtMillis,
      byte[] eventJson,
      byte[] snapshotJpeg)
      throws SQLException {
    insertEvent.setLong(1, seq);
    insertEvent.setString(2, eventId);
    insertEvent.setString(3, type);
    insertEvent.setString(4, deviceId);
    insertEvent.setLong(5, receivedAtMillis);
    insertEvent.setBytes(6, eventJson);
    insertEvent.executeUpdate();
    if (snapshotJpeg != null) {
      insertSnapshot.setLong(1, seq);
      insertSnapshot.setBytes(2, snapshotJpeg);
      insertSnapshot.executeUpdate();
    }
  }

  /** Deletes the event and its snapshot; what was deleted, or {@code null} if it was not there. */
  StoredEvent delete(long seq) throws SQLException {
    StoredEvent found = find(seq);
    if (found != null) {
      deleteEvent.setLong(1, seq);
      deleteEvent.executeUpdate();
      if (found.snapshotBytes() > 0) {
        deleteSnapshot(seq);
      }
    }
    return found;
  }

  private StoredEvent find(long seq) throws SQLException {
    sizeOf.setLong(1, seq);
    try (ResultSet rs = sizeOf.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      long eventBytes = rs.getLong(1);
      long snapshotBytes = rs.getLong(2);
      if (rs.wasNull()) {
        snapshotBytes = 0;
      }
      return new StoredEvent(seq, eventBytes, snapshotBytes, rs.getString(3), rs.getString(4));
    }
  }

  void deleteSnapshot(long seq) throws SQLException {
    deleteSnapshot.setLong(1, seq);
    deleteSnapshot.executeUpdate();
  }

  /** The stored snapshot with the lowest sequence number, or {@code null}. */
  StoredSnapshot oldestSnapshot() throws SQLException {
    try (ResultSet rs = oldestSnapshot.executeQuery()) {
      return rs.next() ? new StoredSnapshot(rs.getLong(1), rs.getLong(2)) : null;
    }
  }

  /** The stored event with the lowest sequence number, or {@code null}. */
  StoredEvent oldestEvent() throws SQLException {
    try (ResultSet rs = oldestEvent.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      return find(rs.getLong(1));
    }
  }

  /** Seq and receipt time of the oldest event, or {@code null} when empty. */
  Oldest oldest() throws SQLException {
    try (ResultSet rs = oldest.executeQuery()) {
      return rs.next() ? new Oldest(rs.getLong(1), rs.getLong(2)) : null;
    }
  }

  void setMeta(String key, long value) throws SQLException {
    setMeta.setString(1, key);
    setMeta.setString(2, Long.toString(value));
    setMeta.executeUpdate();
  }

  void commit() throws SQLException {
    c.commit();
  }

  void rollback() {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The connection is broken; the next batch reports it.
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement ps :
        new PreparedStatement[] {
          insertEvent,
          insertSnapshot,
          sizeOf,
          deleteEvent,
          deleteSnapshot,
          oldestSnapshot,
          oldestEvent,
          oldest,
          setMeta
        }) {
      ps.close();
    }
  }
}
