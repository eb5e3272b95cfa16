package org.sharpeyes.ingest.edge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code edge_ledgers} table (migration V10): one {@link LedgerRow} per tracked edge, with a
 * {@code revision} that changes with every write, so that a writer holding a copy can tell whether
 * the row is still the one it wrote. Every method works on the caller's connection and transaction.
 */
final class LedgerTable {

  /** A row and the revision it was read or written with. */
  record Revised(LedgerRow row, long revision) {}

  /** The rows of the edges heard from most recently, and how many rows there are in all. */
  record Loaded(List<Revised> rows, long total) {}

  private static final String COLUMNS =
      "edge_id, events_stored, last_event_at, epoch, epoch_started_at, last_seq, stored_in_epoch,"
          + " gap_floor, unlisted, missing_earlier, dropped_ranges, gaps, revision";
  private static final String SET_COUNTS =
      "events_stored = ?, last_event_at = ?, epoch = ?, epoch_started_at = ?, last_seq = ?,"
          + " stored_in_epoch = ?, gap_floor = ?, unlisted = ?, missing_earlier = ?,"
          + " dropped_ranges = ?, revision = ?";
  private static final String UPDATE =
      "UPDATE edge_ledgers SET " + SET_COUNTS + " WHERE edge_id = ? AND revision = ?";
  private static final String UPDATE_WITH_GAPS =
      "UPDATE edge_ledgers SET " + SET_COUNTS + ", gaps = ? WHERE edge_id = ? AND revision = ?";
  private static final String INSERT =
      "INSERT INTO edge_ledgers (events_stored, last_event_at, epoch, epoch_started_at, last_seq,"
          + " stored_in_epoch, gap_floor, unlisted, missing_earlier, dropped_ranges, revision,"
          + " gaps, edge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private LedgerTable() {}

  /** Whether the table holds any row. */
  static boolean isEmpty(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM edge_ledgers LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return !rs.next();
    }
  }

  /** At most {@code limit} rows, the edges heard from most recently first (as the scan keeps). */
  static Loaded load(Connection c, int limit) throws SQLException {
    long total;
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM edge_ledgers");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      total = rs.getLong(1);
    }
    List<Revised> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM edge_ledgers ORDER BY last_event_at DESC, edge_id LIMIT ?")) {
      ps.setInt(1, limit);
      ps.setFetchSize(1_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(read(rs));
        }
      }
    }
    return new Loaded(rows, total);
  }

  /** The row of {@code edgeId}, if there is one. */
  static Optional<Revised> find(Connection c, String edgeId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM edge_ledgers WHERE edge_id = ?")) {
      ps.setString(1, edgeId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Overwrites the row of {@code row.edgeId()} if it still has {@code expected} as its revision.
   *
   * @param withGaps whether to write the gaps too (unchanged gaps need not be)
   * @return whether the row was there with that revision, and is now written
   */
  static boolean update(Connection c, LedgerRow row, boolean withGaps, long expected, long revision)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(withGaps ? UPDATE_WITH_GAPS : UPDATE)) {
      int i = bindCounts(ps, row, revision);
      if (withGaps) {
        ps.setString(i++, row.gaps());
      }
      ps.setString(i++, row.edgeId());
      ps.setLong(i, expected);
      return ps.executeUpdate() == 1;
    }
  }

  /** Writes {@code row} in place of whatever row its edge has. */
  static void replace(Connection c, LedgerRow row, long revision) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM edge_ledgers WHERE edge_id = ?")) {
      ps.setString(1, row.edgeId());
      ps.executeUpdate();
    }
    insertAll(c, List.of(new Revised(row, revision)));
  }

  /** Inserts rows of edges that have none, in one JDBC batch. */
  static void insertAll(Connection c, List<Revised> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (Revised r : rows) {
        int i = bindCounts(ps, r.row(), r.revision());
        ps.setString(i++, r.row().gaps());
        ps.setString(i, r.row().edgeId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static int bindCounts(PreparedStatement ps, LedgerRow row, long revision)
      throws SQLException {
    ps.setLong(1, row.eventsStored());
    setInstant(ps, 2, row.lastEventAt());
    ps.setInt(3, row.epoch());
    setInstant(ps, 4, row.epochStartedAt());
    ps.setLong(5, row.lastSeq());
    ps.setLong(6, row.storedInEpoch());
    ps.setLong(7, row.floor());
    ps.setLong(8, row.unlisted());
    ps.setLong(9, row.missingInEarlierEpochs());
    ps.setLong(10, row.droppedRanges());
    ps.setLong(11, revision);
    return 12;
  }

  private static Revised read(ResultSet rs) throws SQLException {
    return new Revised(
        new LedgerRow(
            rs.getString(1),
            rs.getLong(2),
            instant(rs, 3),
            rs.getInt(4),
            instant(rs, 5),
            rs.getLong(6),
            rs.getLong(7),
            rs.getLong(8),
            rs.getLong(9),
            rs.getLong(10),
            rs.getLong(11),
            rs.getString(12)),
        rs.getLong(13));
  }

  private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, t.atOffset(ZoneOffset.UTC));
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
