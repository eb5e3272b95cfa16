package org.sharpeyes.ingest.device;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.AlertRows;

/**
 * The {@code device_states} table (migration V9): the latest report of each device, written in the
 * transaction that stores the report, read once at start. One row per device, so reading it all is
 * bounded by the number of devices, never by the events stored. Blocking JDBC; thread-safe.
 */
final class DeviceStateStore {

  private static final String COLUMNS =
      "device_id, edge_id, availability, since, reason, fps, latency_ms, reported_at, event_id,"
          + " since_event";

  private final DataSource dataSource;

  DeviceStateStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Writes {@code s} on the caller's transaction {@code c} unless a later report of the device is
   * stored already (reports can arrive out of order after an edge's outage).
   *
   * @return true when written
   */
  static boolean save(Connection c, DeviceState s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE device_states SET edge_id = ?, availability = ?, since = ?, reason = ?,"
                + " fps = ?, latency_ms = ?, reported_at = ?, event_id = ?, since_event = ?"
                + " WHERE device_id = ? AND reported_at <= ?")) {
      bind(ps, s, 1);
      ps.setString(10, s.deviceId());
      AlertRows.setInstant(ps, 11, s.reportedAt());
      if (ps.executeUpdate() == 1) {
        return true;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM device_states WHERE device_id = ?")) {
      ps.setString(1, s.deviceId());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false; // a later report is stored
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO device_states (edge_id, availability, since, reason, fps, latency_ms,"
                + " reported_at, event_id, since_event, device_id) VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)")) {
      bind(ps, s, 1);
      ps.setString(10, s.deviceId());
      ps.executeUpdate();
    }
    return true;
  }

  /** The stored states, at most {@code limit}, the latest reports first. */
  List<DeviceState> load(int limit) throws SQLException {
    List<DeviceState> states = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM device_states ORDER BY reported_at DESC LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          states.add(
              new DeviceState(
                  rs.getString("device_id"),
                  rs.getString("edge_id"),
                  Availability.fromLabel(rs.getString("availability")).orElse(Availability.UNKNOWN),
                  AlertRows.instant(rs, "since"),
                  rs.getString("reason"),
                  number(rs, "fps"),
                  number(rs, "latency_ms"),
                  AlertRows.instant(rs, "reported_at"),
                  rs.getString("event_id"),
                  rs.getString("since_event")));
        }
      }
    }
    return states;
  }

  private static void bind(PreparedStatement ps, DeviceState s, int from) throws SQLException {
    ps.setString(from, s.edgeId());
    ps.setString(from + 1, s.availability().label());
    AlertRows.setInstant(ps, from + 2, s.since());
    ps.setString(from + 3, s.reason() == null ? null : cut(s.reason(), 200));
    setDouble(ps, from + 4, s.fps());
    setDouble(ps, from + 5, s.latencyMs());
    AlertRows.setInstant(ps, from + 6, s.reportedAt());
    ps.setString(from + 7, s.eventId());
    ps.setString(from + 8, s.sinceEventId());
  }

  private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null || v.isNaN() || v.isInfinite()) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }

  private static Double number(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
