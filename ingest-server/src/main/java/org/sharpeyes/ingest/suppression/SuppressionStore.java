package org.sharpeyes.ingest.suppression;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.AlertRows;

/** The {@code suppressions} table (V7). Blocking JDBC; thread-safe, a connection per call. */
final class SuppressionStore {

  private static final String COLUMNS =
      "id, kind, rule, subject_type, subject_key, device_id, site_id, region_path, reason,"
          + " created_by, created_at, expires_at, lifted_at, hits";

  private final DataSource dataSource;

  SuppressionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void add(Suppression s) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO suppressions ("
                    + COLUMNS
                    + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, s.id());
      ps.setString(2, s.kind());
      ps.setString(3, s.rule());
      ps.setString(4, s.subjectType());
      ps.setString(5, s.subjectKey());
      ps.setString(6, s.deviceId());
      ps.setString(7, s.siteId());
      ps.setString(8, s.regionPath());
      ps.setString(9, s.reason());
      ps.setString(10, s.createdBy());
      AlertRows.setInstant(ps, 11, s.createdAt());
      AlertRows.setInstant(ps, 12, s.expiresAt());
      AlertRows.setInstant(ps, 13, s.liftedAt());
      ps.setLong(14, s.hits());
      ps.executeUpdate();
    }
  }

  Optional<Suppression> get(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM suppressions WHERE id = ?")) {
      ps.setString(1, id);
      List<Suppression> found = read(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /** Neither lifted nor expired at {@code now}, the latest to expire first. */
  List<Suppression> active(Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM suppressions WHERE expires_at > ?"
                    + " AND lifted_at IS NULL ORDER BY expires_at DESC, id")) {
      AlertRows.setInstant(ps, 1, now);
      return read(ps);
    }
  }

  /** Lifts it at {@code at}, unless it was lifted already; true when this call lifted it. */
  boolean lift(String id, Instant at) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE suppressions SET lifted_at = ? WHERE id = ? AND lifted_at IS NULL")) {
      AlertRows.setInstant(ps, 1, at);
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Adds counted hits, all in one transaction. */
  void addHits(Map<String, Long> hits) throws SQLException {
    if (hits.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE suppressions SET hits = hits + ? WHERE id = ?")) {
      c.setAutoCommit(false);
      try {
        for (Map.Entry<String, Long> e : hits.entrySet()) {
          ps.setLong(1, e.getValue());
          ps.setString(2, e.getKey());
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static List<Suppression> read(PreparedStatement ps) throws SQLException {
    List<Suppression> found = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        found.add(
            new Suppression(
                rs.getString("id"),
                rs.getString("kind"),
                rs.getString("rule"),
                rs.getString("subject_type"),
                rs.getString("subject_key"),
                rs.getString("device_id"),
                rs.getString("site_id"),
                rs.getString("region_path"),
                rs.getString("reason"),
                rs.getString("created_by"),
                AlertRows.instant(rs, "created_at"),
                AlertRows.instant(rs, "expires_at"),
                AlertRows.instant(rs, "lifted_at"),
                rs.getLong("hits")));
      }
    }
    return found;
  }
}
