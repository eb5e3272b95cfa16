package org.sharpeyes.ingest.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads the {@code events} table (migration V1, written by the store). Blocking JDBC: call it on a
 * worker thread. Thread-safe.
 */
final class EventSearch {

  /**
   * @param plate normalised plate, or {@code null}
   * @param deviceId GB/T 28181 id, or {@code null}
   * @param since events seen at or after, or {@code null}
   * @param until events seen before, or {@code null}
   * @param limit most rows, newest event time first
   * @param devicesIn only events of these devices, or {@code null} for any device
   */
  record EventQuery(
      String plate,
      String deviceId,
      Instant since,
      Instant until,
      int limit,
      List<String> devicesIn) {}

  private final DataSource dataSource;

  EventSearch(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  List<JsonObject> find(EventQuery q) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, type, edge_id, device_id, seq, event_time, received_at, plate, payload"
                + " FROM events WHERE 1=1");
    List<Object> args = new ArrayList<>();
    if (q.plate() != null) {
      sql.append(" AND plate = ?");
      args.add(q.plate());
    }
    if (q.deviceId() != null) {
      sql.append(" AND device_id = ?");
      args.add(q.deviceId());
    }
    if (q.devicesIn() != null) {
      if (q.devicesIn().isEmpty()) {
        return List.of();
      }
      sql.append(" AND device_id IN (")
          .append(String.join(", ", java.util.Collections.nCopies(q.devicesIn().size(), "?")))
          .append(')');
      args.addAll(q.devicesIn());
    }
    if (q.since() != null) {
      sql.append(" AND event_time >= ?");
      args.add(q.since().atOffset(ZoneOffset.UTC));
    }
    if (q.until() != null) {
      sql.append(" AND event_time < ?");
      args.add(q.until().atOffset(ZoneOffset.UTC));
    }
    sql.append(" ORDER BY event_time DESC, id DESC LIMIT ?");
    args.add(q.limit());
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<JsonObject> events = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(row(rs));
        }
      }
      return events;
    }
  }

  private static JsonObject row(ResultSet rs) throws SQLException {
    JsonObject json =
        new JsonObject()
            .put("id", rs.getString("id"))
            .put("type", rs.getString("type"))
            .put("edgeId", rs.getString("edge_id"))
            .put("deviceId", rs.getString("device_id"))
            .put("seq", rs.getLong("seq"))
            .put("time", instant(rs, "event_time"))
            .put("receivedAt", instant(rs, "received_at"))
            .put("plate", rs.getString("plate"));
    String payload = rs.getString("payload");
    try {
      json.put("event", new JsonObject(payload));
    } catch (DecodeException e) {
      // Stored events were validated on the way in; show the text rather than fail the query.
      json.put("eventText", payload);
    }
    return json;
  }

  private static String instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant().toString();
  }
}
