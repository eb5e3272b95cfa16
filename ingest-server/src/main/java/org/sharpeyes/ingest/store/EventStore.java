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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The {@code events} table. Event ids are unique: inserting one that is already there is reported
 * as a duplicate, never as a failure. Thread-safe (each call borrows its own connection).
 *
 * <p>How new events are told from stored ones depends on the database. On PostgreSQL the insert
 * itself decides ({@code ON CONFLICT (id) DO NOTHING RETURNING id}): a look-up first would depend
 * on the planner's statistics, and on a fresh database without them it was seen to take a
 * sequential scan per batch. On H2 the ids are looked up first (an index look-up, cheap) and only
 * the new ones inserted.
 */
public final class EventStore {

  private static final String COLUMNS =
      "id, type, edge_id, device_id, seq, event_time, received_at, plate, payload";
  private static final String ROW_MARKS = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT = "INSERT INTO events (" + COLUMNS + ") VALUES " + ROW_MARKS;
  private static final String INSERT_UNLESS_STORED = INSERT + " ON CONFLICT (id) DO NOTHING";
  private static final int MAX_IDS_PER_QUERY = 500;

  /** Rows per multi-row insert (9 parameters each; PostgreSQL allows 65 535 per statement). */
  private static final int MAX_ROWS_PER_INSERT = 1_000;

  private final DataSource dataSource;
  private final Map<Integer, String> multiRowInserts = new ConcurrentHashMap<>();
  private volatile Boolean postgres;

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
    try (PreparedStatement ps = c.prepareStatement(isPostgres(c) ? INSERT_UNLESS_STORED : INSERT)) {
      bind(ps, row, 0);
      return ps.executeUpdate() == 1;
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
        bind(ps, row, 0);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Inserts, on {@code c}, those of {@code rows} whose id is not stored yet; the rows' ids must be
   * distinct. Fails as a whole on a row the database refuses.
   *
   * @return the ids inserted now
   */
  Set<String> insertNew(Connection c, List<EventRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return Set.of();
    }
    if (isPostgres(c)) {
      return insertUnlessStored(c, rows);
    }
    Set<String> stored = existing(c, rows.stream().map(EventRow::id).toList());
    List<EventRow> fresh = rows.stream().filter(r -> !stored.contains(r.id())).toList();
    insertBatch(c, fresh);
    Set<String> inserted = new HashSet<>();
    fresh.forEach(r -> inserted.add(r.id()));
    return inserted;
  }

  /** PostgreSQL: the ids of the rows it inserted, skipping those whose id is stored. */
  private Set<String> insertUnlessStored(Connection c, List<EventRow> rows) throws SQLException {
    Set<String> inserted = new HashSet<>();
    for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_INSERT) {
      List<EventRow> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_INSERT));
      String sql = multiRowInserts.computeIfAbsent(chunk.size(), EventStore::multiRowInsert);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          bind(ps, chunk.get(i), i * 9);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(rs.getString(1));
          }
        }
      }
    }
    return inserted;
  }

  private static String multiRowInsert(int rows) {
    StringBuilder sql =
        new StringBuilder("INSERT INTO events (").append(COLUMNS).append(") VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(ROW_MARKS);
    }
    return sql.append(" ON CONFLICT (id) DO NOTHING RETURNING id").toString();
  }

  /** Whether {@code c} is to PostgreSQL (else H2); asked once. */
  private boolean isPostgres(Connection c) throws SQLException {
    Boolean known = postgres;
    if (known == null) {
      known =
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      postgres = known;
    }
    return known;
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

  /** Binds {@code row} to the nine parameters after the first {@code offset}. */
  private static void bind(PreparedStatement ps, EventRow row, int offset) throws SQLException {
    ps.setString(offset + 1, row.id());
    ps.setString(offset + 2, row.kind());
    ps.setString(offset + 3, row.edgeId());
    ps.setString(offset + 4, row.deviceId());
    ps.setLong(offset + 5, row.seq());
    ps.setObject(offset + 6, utc(row.eventTime()));
    ps.setObject(offset + 7, utc(row.receivedAt()));
    ps.setString(offset + 8, row.plate());
    ps.setString(offset + 9, row.payload());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
