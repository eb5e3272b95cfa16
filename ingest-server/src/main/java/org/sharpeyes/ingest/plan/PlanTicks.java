package org.sharpeyes.ingest.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.AlertRows;

/** The {@code alert_plan_ticks} table (V7): which plan steps were ticked on an alert, by whom. */
final class PlanTicks {

  private static final String UNIQUE_VIOLATION = "23505";

  /** One ticked step. */
  record Tick(int step, String by, Instant at) {}

  private final DataSource dataSource;

  PlanTicks(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The ticks of an alert, by step number. */
  Map<Integer, Tick> of(String alertId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT step, ticked_by, ticked_at FROM alert_plan_ticks WHERE alert_id = ?")) {
      ps.setString(1, alertId);
      Map<Integer, Tick> ticks = new TreeMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ticks.put(
              rs.getInt(1),
              new Tick(rs.getInt(1), rs.getString(2), AlertRows.instant(rs, "ticked_at")));
        }
      }
      return ticks;
    }
  }

  /**
   * Ticks a step, unless it was ticked already (the first tick stays).
   *
   * @return the new tick, or empty when the step was ticked before
   */
  Optional<Tick> tick(String alertId, int step, String by, Instant at) throws SQLException {
    if (of(alertId).containsKey(step)) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO alert_plan_ticks (alert_id, step, ticked_by, ticked_at)"
                    + " VALUES (?, ?, ?, ?)")) {
      ps.setString(1, alertId);
      ps.setInt(2, step);
      ps.setString(3, by);
      AlertRows.setInstant(ps, 4, at);
      ps.executeUpdate();
      return Optional.of(new Tick(step, by, at));
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return Optional.empty(); // ticked by someone else a moment ago
      }
      throw e;
    }
  }
}
