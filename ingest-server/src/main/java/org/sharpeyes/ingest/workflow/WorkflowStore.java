package org.sharpeyes.ingest.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertRows;
import org.sharpeyes.ingest.alert.AlertState;
import org.sharpeyes.ingest.alert.AlertStep;
import org.sharpeyes.ingest.alert.AlertStore;

/**
 * The workflow columns of {@code alerts} and the {@code alert_steps} timeline (migration V7).
 * Blocking JDBC; thread-safe; each call uses its own connection.
 *
 * <p>A step is one transaction that changes the alert only if its version is still the one the step
 * was decided on ({@code WHERE id = ? AND version = ?}), and records the step under the new version
 * (primary key alert + seq). So two users, two scans, or two servers on one database that decide a
 * step from the same version cannot both take it: the second finds the row changed.
 */
public final class WorkflowStore {

  static final String HANDLING =
      "desk_code, desk_level, start_level, top_level, ack_due, resolve_due, next_deadline,"
          + " overdue, escalations, assignee_kind, assignee, assignee_due, acknowledged_at,"
          + " handled_at, closed_at, steps";

  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public WorkflowStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * An alert with its place in the workflow.
   *
   * @param revision steps taken so far; the ETag of the alert's workflow
   */
  public record Held(Alert alert, Handling handling, int revision) {}

  /** How a step ended in the store. */
  public enum Outcome {
    DONE,
    /** The alert changed since it was read: nothing was written. */
    STALE,
    /** Reopening found another open alert of the same rule and subject. */
    SUBJECT_OPEN
  }

  /** A photo sent with a report back. */
  public record Photo(String contentType, byte[] bytes) {}

  /** Writes the starting desk of a new alert, on the raising transaction {@code c}. */
  static void place(Connection c, String alertId, Handling h, String township, String county)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE alerts SET desk_code = ?, desk_level = ?, start_level = ?, top_level = ?,"
                + " ack_due = ?, resolve_due = ?, next_deadline = ?, township_code = ?,"
                + " county_code = ? WHERE id = ?")) {
      ps.setString(1, h.deskCode());
      ps.setString(2, Handling.label(h.deskLevel()));
      ps.setString(3, Handling.label(h.startLevel()));
      ps.setString(4, Handling.label(h.topLevel()));
      AlertRows.setInstant(ps, 5, h.ackDue());
      AlertRows.setInstant(ps, 6, h.resolveDue());
      AlertRows.setInstant(ps, 7, h.nextDeadline());
      ps.setString(8, township);
      ps.setString(9, county);
      ps.setString(10, alertId);
      ps.executeUpdate();
    }
  }

  public Optional<Held> get(String id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      List<Held> found = query(c, "WHERE id = ?", List.of(id), 1);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /**
   * The open alerts a desk holds: overdue first, then by the nearest deadline.
   *
   * @param deskCode the desk (region code)
   */
  public List<Held> queue(String deskCode, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return query(
          c,
          "WHERE desk_code = ? AND closed_at IS NULL AND state <> 'resolved'"
              + " AND state <> 'false-positive'"
              + " ORDER BY overdue DESC, CASE WHEN next_deadline IS NULL THEN 1 ELSE 0 END,"
              + " next_deadline, created_at DESC",
          List.of(deskCode),
          limit);
    }
  }

  /** What is dispatched to {@code user}: open first, then the most recently closed. */
  public List<Held> dispatchedTo(String user, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return query(
          c,
          "WHERE assignee_kind = 'staff' AND assignee = ?"
              + " ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, updated_at DESC",
          List.of(user),
          limit);
    }
  }

  /** Alerts whose next deadline is at or before {@code now}, the earliest first. */
  public List<Held> due(Instant now, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return query(c, "WHERE next_deadline <= ? ORDER BY next_deadline", List.of(now), limit);
    }
  }

  /** Open alerts raised before the workflow existed (no desk yet). */
  public List<Held> unplaced(int limit) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return query(
          c,
          "WHERE desk_code IS NULL AND state IN ('new', 'acknowledged', 'dispatched',"
              + " 'handled', 'reopened')",
          List.of(),
          limit);
    }
  }

  /**
   * Takes a step decided on {@code before}: the alert becomes {@code to} with {@code after}, and
   * the step is on its timeline. Nothing is written unless the alert is still at {@code before}'s
   * version.
   *
   * @param photo the report's photo, or {@code null}
   */
  public Outcome step(Held before, AlertState to, Handling after, AlertStep step, Photo photo)
      throws SQLException {
    Alert a = before.alert();
    String openKey;
    if (to.isOpen() && !a.state().isOpen()) {
      openKey = AlertStore.openKey(a);
    } else {
      openKey = to.isOpen() ? "KEEP" : null;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int changed;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE alerts SET state = ?, updated_at = ?, version = version + 1, steps = steps + 1,"
                    + (openKey == null
                        ? " open_key = NULL,"
                        : "KEEP".equals(openKey) ? "" : " open_key = ?,")
                    + " desk_code = ?, desk_level = ?, start_level = ?, top_level = ?,"
                    + " ack_due = ?, resolve_due = ?, next_deadline = ?, overdue = ?,"
                    + " escalations = ?, assignee_kind = ?, assignee = ?, assignee_due = ?,"
                    + " acknowledged_at = ?, handled_at = ?, closed_at = ?"
                    + " WHERE id = ? AND version = ?")) {
          int i = 0;
          ps.setString(++i, to.label());
          AlertRows.setInstant(ps, ++i, step.at());
          if (openKey != null && !"KEEP".equals(openKey)) {
            ps.setString(++i, openKey);
          }
          ps.setString(++i, after.deskCode());
          ps.setString(++i, Handling.label(after.deskLevel()));
          ps.setString(++i, Handling.label(after.startLevel()));
          ps.setString(++i, Handling.label(after.topLevel()));
          AlertRows.setInstant(ps, ++i, after.ackDue());
          AlertRows.setInstant(ps, ++i, after.resolveDue());
          AlertRows.setInstant(ps, ++i, after.nextDeadline());
          ps.setBoolean(++i, after.overdue());
          ps.setInt(++i, after.escalations());
          ps.setString(++i, after.assigneeKind());
          ps.setString(++i, after.assignee());
          AlertRows.setInstant(ps, ++i, after.assigneeDue());
          AlertRows.setInstant(ps, ++i, after.acknowledgedAt());
          AlertRows.setInstant(ps, ++i, after.handledAt());
          AlertRows.setInstant(ps, ++i, after.closedAt());
          ps.setString(++i, a.id());
          ps.setInt(++i, a.version());
          changed = ps.executeUpdate();
        }
        if (changed != 1) {
          c.rollback();
          return Outcome.STALE;
        }
        insertStep(c, a.id(), step);
        if (photo != null) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO alert_step_photos (alert_id, seq, content_type, photo)"
                      + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setInt(2, step.seq());
            ps.setString(3, photo.contentType());
            ps.setBytes(4, photo.bytes());
            ps.executeUpdate();
          }
        }
        c.commit();
        return Outcome.DONE;
      } catch (SQLException e) {
        c.rollback();
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          // Either another writer recorded a step at this version first, or (reopen) another
          // alert of the same subject is open.
          return openKey != null && !"KEEP".equals(openKey) ? Outcome.SUBJECT_OPEN : Outcome.STALE;
        }
        throw e;
      }
    }
  }

  private static void insertStep(Connection c, String alertId, AlertStep s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO alert_steps (alert_id, seq, action, from_state, to_state, actor,"
                + " actor_role, desk_code, happened_at, note, assignee, due, has_photo)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, alertId);
      ps.setInt(2, s.seq());
      ps.setString(3, s.action());
      ps.setString(4, s.from().label());
      ps.setString(5, s.to().label());
      ps.setString(6, s.actor());
      ps.setString(7, s.actorRole());
      ps.setString(8, s.deskCode());
      AlertRows.setInstant(ps, 9, s.at());
      ps.setString(10, s.note());
      ps.setString(11, s.assignee());
      AlertRows.setInstant(ps, 12, s.due());
      ps.setBoolean(13, s.hasPhoto());
      ps.executeUpdate();
    }
  }

  /** The steps of an alert, oldest first (at most {@code limit}, the latest ones). */
  public List<AlertStep> timeline(String alertId, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT seq, action, from_state, to_state, actor, actor_role, desk_code,"
                    + " happened_at, note, assignee, due, has_photo FROM alert_steps"
                    + " WHERE alert_id = ? ORDER BY seq DESC LIMIT ?")) {
      ps.setString(1, alertId);
      ps.setInt(2, limit);
      List<AlertStep> steps = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          steps.add(
              0,
              new AlertStep(
                  rs.getInt("seq"),
                  rs.getString("action"),
                  AlertState.fromLabel(rs.getString("from_state")).orElseThrow(),
                  AlertState.fromLabel(rs.getString("to_state")).orElseThrow(),
                  rs.getString("actor"),
                  rs.getString("actor_role"),
                  rs.getString("desk_code"),
                  AlertRows.instant(rs, "happened_at"),
                  rs.getString("note"),
                  rs.getString("assignee"),
                  AlertRows.instant(rs, "due"),
                  rs.getBoolean("has_photo")));
        }
      }
      return steps;
    }
  }

  /** The photo of a report back, when there is one. */
  public Optional<Photo> photo(String alertId, int seq) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT content_type, photo FROM alert_step_photos WHERE alert_id = ? AND seq = ?")) {
      ps.setString(1, alertId);
      ps.setInt(2, seq);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Photo(rs.getString(1), rs.getBytes(2)))
            : Optional.empty();
      }
    }
  }

  private static List<Held> query(Connection c, String where, List<Object> args, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + AlertRows.COLUMNS
                + ", "
                + HANDLING
                + " FROM alerts "
                + where
                + " LIMIT ?")) {
      int i = 0;
      for (Object arg : args) {
        if (arg instanceof Instant t) {
          AlertRows.setInstant(ps, ++i, t);
        } else {
          ps.setObject(++i, arg);
        }
      }
      ps.setInt(++i, limit);
      List<Held> held = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          held.add(new Held(AlertRows.read(rs), handling(rs), rs.getInt("steps")));
        }
      }
      return held;
    }
  }

  static Handling handling(ResultSet rs) throws SQLException {
    return new Handling(
        rs.getString("desk_code"),
        Handling.level(rs.getString("desk_level")),
        Handling.level(rs.getString("start_level")),
        Handling.level(rs.getString("top_level")),
        AlertRows.instant(rs, "ack_due"),
        AlertRows.instant(rs, "resolve_due"),
        AlertRows.instant(rs, "next_deadline"),
        rs.getBoolean("overdue"),
        rs.getInt("escalations"),
        rs.getString("assignee_kind"),
        rs.getString("assignee"),
        AlertRows.instant(rs, "assignee_due"),
        AlertRows.instant(rs, "acknowledged_at"),
        AlertRows.instant(rs, "handled_at"),
        AlertRows.instant(rs, "closed_at"));
  }
}
