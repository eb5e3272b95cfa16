package org.sharpeyes.ingest.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.AlertRows;

/**
 * The {@code governance_month} table (migration V8): the figures of every unit of a month, as last
 * computed. Blocking JDBC; thread-safe; each call uses its own connection.
 */
final class GovernanceStore {

  private static final String COLUMNS =
      "unit_level, unit_code, received, acknowledged, ack_on_time, resolved, resolved_on_time, overdue,"
          + " escalated, village_started, within_grid, false_positive, ack_median_s, ack_p90_s,"
          + " resolve_median_s, resolve_p90_s, computed_at";

  private final DataSource dataSource;

  GovernanceStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The stored figures of {@code month}; empty when it was never computed. */
  Optional<MonthFigures> read(YearMonth month) throws SQLException {
    Map<GovernanceLevel, Map<String, Figures>> units = new EnumMap<>(GovernanceLevel.class);
    for (GovernanceLevel level : GovernanceLevel.values()) {
      units.put(level, new HashMap<>());
    }
    Instant computedAt = null;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM governance_month WHERE period = ?")) {
      ps.setString(1, month.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          GovernanceLevel level = GovernanceLevel.fromLabel(rs.getString(1)).orElseThrow();
          units.get(level).put(rs.getString(2), figures(rs));
          computedAt = AlertRows.instant(rs, "computed_at");
        }
      }
    }
    return computedAt == null || units.get(GovernanceLevel.CITY).isEmpty()
        ? Optional.empty()
        : Optional.of(new MonthFigures(month, units, computedAt));
  }

  /** Replaces the rows of the month with {@code figures}, in one transaction. */
  void replace(MonthFigures figures) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement del =
            c.prepareStatement("DELETE FROM governance_month WHERE period = ?")) {
          del.setString(1, figures.month().toString());
          del.executeUpdate();
        }
        try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO governance_month (period, "
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (Map.Entry<GovernanceLevel, Map<String, Figures>> level :
              figures.units().entrySet()) {
            for (Map.Entry<String, Figures> unit : level.getValue().entrySet()) {
              bind(ins, figures, level.getKey(), unit.getKey(), unit.getValue());
              ins.addBatch();
            }
          }
          ins.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  private static void bind(
      PreparedStatement ps, MonthFigures m, GovernanceLevel level, String code, Figures f)
      throws SQLException {
    int i = 0;
    ps.setString(++i, m.month().toString());
    ps.setString(++i, level.label());
    ps.setString(++i, code);
    for (long n :
        new long[] {
          f.received(),
          f.acknowledged(),
          f.acknowledgedOnTime(),
          f.resolved(),
          f.resolvedOnTime(),
          f.overdue(),
          f.escalated(),
          f.villageStarted(),
          f.withinGrid(),
          f.falsePositive()
        }) {
      ps.setLong(++i, n);
    }
    for (Long n :
        new Long[] {
          f.ackMedianSeconds(), f.ackP90Seconds(), f.resolveMedianSeconds(), f.resolveP90Seconds()
        }) {
      if (n == null) {
        ps.setNull(++i, Types.BIGINT);
      } else {
        ps.setLong(++i, n);
      }
    }
    AlertRows.setInstant(ps, ++i, m.computedAt());
  }

  private static Figures figures(ResultSet rs) throws SQLException {
    return new Figures(
        rs.getLong(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8),
        rs.getLong(9),
        rs.getLong(10),
        rs.getLong(11),
        rs.getLong(12),
        nullable(rs, 13),
        nullable(rs, 14),
        nullable(rs, 15),
        nullable(rs, 16));
  }

  private static Long nullable(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
