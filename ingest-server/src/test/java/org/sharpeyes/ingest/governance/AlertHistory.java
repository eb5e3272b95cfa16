package org.sharpeyes.ingest.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Alerts with a known history, written straight into {@code alerts} with their workflow columns as
 * the workflow leaves them: raised in a grid cell at a village desk, medium severity (30 minutes to
 * acknowledge, 24 hours to resolve by default).
 */
public final class AlertHistory {

  private final List<Row> rows = new ArrayList<>();

  /** Ids unique in the JVM, so that a test may insert a second history into the same database. */
  private static final java.util.concurrent.atomic.AtomicInteger NEXT =
      new java.util.concurrent.atomic.AtomicInteger();

  /** One alert; change it with the methods of {@link Row}. */
  public Row raised(String grid, String createdAt) {
    Row r = new Row("g" + NEXT.incrementAndGet(), grid, Instant.parse(createdAt));
    rows.add(r);
    return r;
  }

  public static final class Row {
    final String id;
    final String grid;
    final Instant created;
    String state = "new";
    Instant acknowledged;
    Instant closed;
    boolean overdue;
    int escalations;
    String topLevel = "village";
    String rule = "plate-hotlist";

    Row(String id, String grid, Instant created) {
      this.id = id;
      this.grid = grid;
      this.created = created;
    }

    public Row acknowledgedAfter(Duration d) {
      acknowledged = created.plus(d);
      state = "acknowledged";
      return this;
    }

    public Row resolvedAfter(Duration d) {
      closed = created.plus(d);
      state = "resolved";
      return this;
    }

    public Row falsePositiveAfter(Duration d) {
      closed = created.plus(d);
      state = "false-positive";
      return this;
    }

    /** Raised by {@code ruleId} instead of plate-hotlist. */
    public Row byRule(String ruleId) {
      rule = ruleId;
      return this;
    }

    /** Escalated once by the timer to the township desk, so marked overdue. */
    public Row escalatedToTownship() {
      overdue = true;
      escalations = 1;
      topLevel = "township";
      return this;
    }
  }

  public void insertInto(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO alerts (id, rule, severity, subject_type, subject_key, subject_label,"
                    + " state, device_id, grid_code, village_code, township_code, county_code,"
                    + " region_path, reason, count, first_seen, last_seen, created_at, updated_at,"
                    + " first_event_id, last_event_id, version, desk_code, desk_level,"
                    + " start_level, top_level, overdue, escalations, acknowledged_at, closed_at)"
                    + " VALUES (?, ?, 'medium', 'plate', ?, ?, ?,"
                    + " '43070200001320000001', ?, ?, ?, ?, ?, 'test', 1, ?, ?, ?, ?, ?, ?, 1, ?,"
                    + " ?, 'village', ?, ?, ?, ?, ?)")) {
      for (Row r : rows) {
        String village = r.grid.substring(0, 12);
        String township = r.grid.substring(0, 9);
        String county = r.grid.substring(0, 6);
        OffsetDateTime at = OffsetDateTime.ofInstant(r.created, ZoneOffset.UTC);
        int i = 0;
        ps.setString(++i, r.id);
        ps.setString(++i, r.rule);
        ps.setString(++i, r.id);
        ps.setString(++i, r.id);
        ps.setString(++i, r.state);
        ps.setString(++i, r.grid);
        ps.setString(++i, village);
        ps.setString(++i, township);
        ps.setString(++i, county);
        ps.setString(++i, "/430700/" + county + "/" + township + "/" + village + "/");
        ps.setObject(++i, at);
        ps.setObject(++i, at);
        ps.setObject(++i, at);
        ps.setObject(++i, at);
        ps.setString(++i, r.id);
        ps.setString(++i, r.id);
        ps.setString(++i, "township".equals(r.topLevel) ? township : village);
        ps.setString(++i, r.topLevel);
        ps.setString(++i, r.topLevel);
        ps.setBoolean(++i, r.overdue);
        ps.setInt(++i, r.escalations);
        time(ps, ++i, r.acknowledged);
        time(ps, ++i, r.closed);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    rows.clear();
  }

  private static void time(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    }
  }
}
