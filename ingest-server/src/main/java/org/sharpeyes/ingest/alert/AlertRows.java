package org.sharpeyes.ingest.alert;

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
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.ingest.rule.SubjectType;

/**
 * Maps rows of {@code alerts} to {@link Alert}s; instants as {@code TIMESTAMP WITH TIME ZONE}.
 * Public for the workflow, which reads and writes the same rows.
 */
public final class AlertRows {

  public static final String COLUMNS =
      "id, rule, severity, subject_type, subject_key, subject_label, state, device_id, grid_code,"
          + " village_code, region_path, person_id, plate, reason, count, first_seen, last_seen,"
          + " created_at, updated_at, first_event_id, last_event_id, version";

  private AlertRows() {}

  public static Alert read(ResultSet rs) throws SQLException {
    return new Alert(
        rs.getString("id"),
        rs.getString("rule"),
        Severity.fromLabel(rs.getString("severity")).orElseThrow(),
        SubjectType.fromLabel(rs.getString("subject_type")).orElseThrow(),
        rs.getString("subject_key"),
        rs.getString("subject_label"),
        AlertState.fromLabel(rs.getString("state")).orElseThrow(),
        rs.getString("device_id"),
        rs.getString("grid_code"),
        rs.getString("village_code"),
        rs.getString("region_path"),
        rs.getString("person_id"),
        rs.getString("plate"),
        rs.getString("reason"),
        rs.getInt("count"),
        instant(rs, "first_seen"),
        instant(rs, "last_seen"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        rs.getString("first_event_id"),
        rs.getString("last_event_id"),
        rs.getInt("version"));
  }

  /** Binds every column of {@link #COLUMNS} in order, starting at parameter 1. */
  static void bindAll(PreparedStatement ps, Alert a, String openKey) throws SQLException {
    int i = 0;
    ps.setString(++i, a.id());
    ps.setString(++i, a.rule());
    ps.setString(++i, a.severity().label());
    ps.setString(++i, a.subjectType().label());
    ps.setString(++i, a.subjectKey());
    ps.setString(++i, a.subjectLabel());
    ps.setString(++i, a.state().label());
    ps.setString(++i, a.deviceId());
    ps.setString(++i, a.gridCode());
    ps.setString(++i, a.villageCode());
    ps.setString(++i, a.regionPath());
    ps.setString(++i, a.personId());
    ps.setString(++i, a.plate());
    ps.setString(++i, a.reason());
    ps.setInt(++i, a.count());
    setInstant(ps, ++i, a.firstSeen());
    setInstant(ps, ++i, a.lastSeen());
    setInstant(ps, ++i, a.createdAt());
    setInstant(ps, ++i, a.updatedAt());
    ps.setString(++i, a.firstEventId());
    ps.setString(++i, a.lastEventId());
    ps.setInt(++i, a.version());
    ps.setString(++i, openKey);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static void setInstant(PreparedStatement ps, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }
  }

  static Optional<Alert> lockOpen(Connection c, String openKey) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + AlertRows.COLUMNS + " FROM alerts WHERE open_key = ? FOR UPDATE")) {
      ps.setString(1, openKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(AlertRows.read(rs)) : Optional.empty();
      }
    }
  }

  static boolean hasEvidence(Connection c, String alertId, String eventId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM alert_evidence WHERE alert_id = ? AND event_id = ?")) {
      ps.setString(1, alertId);
      ps.setString(2, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static void addEvidence(Connection c, String alertId, String eventId, Instant seenAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO alert_evidence (alert_id, event_id, seen_at) VALUES (?, ?, ?)")) {
      ps.setString(1, alertId);
      ps.setString(2, eventId);
      AlertRows.setInstant(ps, 3, seenAt);
      ps.executeUpdate();
    }
  }

  /** Alerts matching the filter, the most recently seen first. */
  static List<Alert> find(Connection c, AlertFilter filter) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + AlertRows.COLUMNS + " FROM alerts WHERE 1=1");
    List<Object> args = new ArrayList<>();
    if (!filter.states().isEmpty()) {
      in(sql, args, "state", filter.states().stream().map(AlertState::label).sorted().toList());
    }
    if (!filter.severities().isEmpty()) {
      in(
          sql,
          args,
          "severity",
          filter.severities().stream().map(Severity::label).sorted().toList());
    }
    if (filter.regionCode() != null) {
      sql.append(" AND region_path LIKE ?");
      args.add("%/" + filter.regionCode() + "/%");
    }
    if (filter.since() != null) {
      sql.append(" AND last_seen >= ?");
      args.add(filter.since());
    }
    if (filter.until() != null) {
      sql.append(" AND first_seen < ?");
      args.add(filter.until());
    }
    sql.append(" ORDER BY last_seen DESC, id DESC LIMIT ?");
    args.add(filter.limit());
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        Object arg = args.get(i);
        if (arg instanceof Instant t) {
          setInstant(ps, i + 1, t);
        } else {
          ps.setObject(i + 1, arg);
        }
      }
      List<Alert> alerts = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          alerts.add(read(rs));
        }
      }
      return alerts;
    }
  }

  private static void in(StringBuilder sql, List<Object> args, String column, List<String> values) {
    sql.append(" AND ").append(column).append(" IN (");
    sql.append(String.join(", ", values.stream().map(v -> "?").toList())).append(')');
    args.addAll(values);
  }
}
