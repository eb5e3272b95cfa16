package org.sharpeyes.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code events} table. Event ids are unique: inserting one that is already there is reported
 * as a duplicate, never as a failure. Thread-safe (each call borrows its own connection).
 */
public final class EventStore {

  static final String INSERT =
      "INSERT INTO events (id, type, edge_id, device_id, seq, event_time, received_at, plate,"
          + " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final int MAX_IDS_PER_QUERY = 500;

  private final DataSource dataSource;

  public EventStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Inserts one event in its own transaction.
   *
   * @return {@code true} when stored, {@code false} when an event with this id already was
   * @throws SQLException when the database fails or refuses the row for another reason
   */
  public boolean insert(EventRow row) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      return insert(c, row);
    }
  }

  /** Inserts on {@code c}; {@code false} on a duplicate id. See {@link #insert(EventRow)}. */
  boolean insert(Connection c, EventRow row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      bind(ps, row);
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (SqlFailures.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Adds every row to one JDBC batch on {@code c} (fails as a whole on any duplicate). */
  void insertBatch(Connection c, List<EventRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (EventRow row : rows) {
        bind(ps, row);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Which of {@code ids} are already stored. */
  Set<String> existing(Connection c, Collection<String> ids) throws SQLException {
    Set<String> found = new HashSet<>();
    List<String> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += MAX_IDS_PER_QUERY) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_IDS_PER_QUERY));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM events WHERE id IN (" + marks + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    }
    return found;
  }

  /** Number of stored events with this id (0 or 1). */
  public int countById(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * The kind and device of a stored event, to decide who may see its snapshot; empty when no event
   * has this id.
   */
  public java.util.Optional<EventOrigin> origin(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT type, device_id FROM events WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? java.util.Optional.of(new EventOrigin(rs.getString(1), rs.getString(2)))
            : java.util.Optional.empty();
      }
    }
  }

  /**
   * What an event is and where it was seen.
   *
   * @param kind e.g. {@code face.matched}
   */
  public record EventOrigin(String kind, String deviceId) {}

  /** Number of stored events. */
  public long count() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void bind(PreparedStatement ps, EventRow row) throws SQLException {
    ps.setString(1, row.id());
    ps.setString(2, row.kind());
    ps.setString(3, row.edgeId());
    ps.setString(4, row.deviceId());
    ps.setLong(5, row.seq());
    ps.setObject(6, utc(row.eventTime()));
    ps.setObject(7, utc(row.receivedAt()));
    ps.setString(8, row.plate());
    ps.setString(9, row.payload());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
