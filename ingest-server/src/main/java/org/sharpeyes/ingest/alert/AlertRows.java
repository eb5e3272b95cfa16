package org.sharpeyes.ingest.alert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
}
