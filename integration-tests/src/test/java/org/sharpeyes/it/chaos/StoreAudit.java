package org.sharpeyes.it.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the ingest-server's store holds after a chaos run, read with plain JDBC (the same queries on
 * H2 and PostgreSQL): the events, and every sign of a doubled effect in the alerts.
 *
 * @param events every stored event by id
 * @param rows rows in {@code events}
 * @param distinctIds distinct ids in {@code events}
 * @param subjectsWithSeveralAlerts {@code rule|subjectType|subjectKey} of subjects that got more
 *     than one alert, with how many (each run starts with an empty store, and nobody closes an
 *     alert, so one per subject is right)
 * @param alertsByState alerts per state
 * @param eventsInSeveralAlerts ids of events that are evidence of more than one alert
 * @param countsOffEvidence alerts whose {@code count} differs from their evidence rows
 * @param hotEventsWithoutEvidence stored events of hot plates that no alert shows as evidence
 * @param deadLettersByReason rejected messages per reason
 */
record StoreAudit(
    Map<String, StoredEvent> events,
    long rows,
    long distinctIds,
    Map<String, Long> subjectsWithSeveralAlerts,
    Map<String, Long> alertsByState,
    List<String> eventsInSeveralAlerts,
    List<String> countsOffEvidence,
    List<StoredEvent> hotEventsWithoutEvidence,
    Map<String, Long> deadLettersByReason) {

  /**
   * One row of {@code events}, the columns the audit needs; {@code type} tells the plate reads from
   * what the edge reports of itself ({@code device.status}).
   */
  record StoredEvent(String id, String edgeId, long seq, String type, String plate, Instant time) {

    /** A plate read, the only kind of event the chaos run's readers cause. */
    boolean isRead() {
      return "vehicle.sighted".equals(type);
    }
  }

  static StoreAudit read(String jdbcUrl, Set<String> hotPlates) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      Map<String, StoredEvent> events = new HashMap<>();
      try (ResultSet rs =
          s.executeQuery("SELECT id, edge_id, seq, type, plate, event_time FROM events")) {
        while (rs.next()) {
          StoredEvent e =
              new StoredEvent(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getObject(6, OffsetDateTime.class).toInstant());
          events.put(e.id(), e);
        }
      }
      long rows;
      long distinct;
      try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM events")) {
        rs.next();
        rows = rs.getLong(1);
        distinct = rs.getLong(2);
      }
      Map<String, Long> several =
          countsBy(
              s,
              "SELECT rule || '|' || subject_type || '|' || subject_key, count(*) FROM alerts"
                  + " GROUP BY rule, subject_type, subject_key HAVING count(*) > 1");
      Map<String, Long> states = countsBy(s, "SELECT state, count(*) FROM alerts GROUP BY state");
      List<String> inSeveral =
          strings(s, "SELECT event_id FROM alert_evidence GROUP BY event_id HAVING count(*) > 1");
      List<String> countsOff =
          strings(
              s,
              "SELECT a.id || ': count ' || a.count || ', evidence ' || count(e.event_id)"
                  + " FROM alerts a LEFT JOIN alert_evidence e ON e.alert_id = a.id"
                  + " GROUP BY a.id, a.count HAVING a.count <> count(e.event_id)");
      Set<String> evidence =
          new HashSet<>(strings(s, "SELECT DISTINCT event_id FROM alert_evidence"));
      List<StoredEvent> hotWithout = new ArrayList<>();
      for (StoredEvent e : events.values()) {
        if (e.plate() != null && hotPlates.contains(e.plate()) && !evidence.contains(e.id())) {
          hotWithout.add(e);
        }
      }
      Map<String, Long> deadLetters =
          countsBy(s, "SELECT reason, count(*) FROM dead_letters GROUP BY reason");
      return new StoreAudit(
          events, rows, distinct, several, states, inSeveral, countsOff, hotWithout, deadLetters);
    }
  }

  /** Stored events of one edge. */
  List<StoredEvent> eventsOf(String edgeId) {
    return events.values().stream().filter(e -> e.edgeId().equals(edgeId)).toList();
  }

  long hotEventsStored(Set<String> hotPlates) {
    return events.values().stream()
        .filter(e -> e.plate() != null && hotPlates.contains(e.plate()))
        .count();
  }

  long deadLetters() {
    return deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Long> countsBy(Statement s, String sql) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  private static List<String> strings(Statement s, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
