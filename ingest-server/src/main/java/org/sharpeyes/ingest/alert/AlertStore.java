package org.sharpeyes.ingest.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.sharpeyes.ingest.rule.AlertCandidate;

/**
 * The {@code alerts} and {@code alert_evidence} tables (migration V2). Blocking JDBC: call it from
 * a worker thread, never from an event loop. Thread-safe; each call uses its own connection.
 *
 * <p>Raise-or-fold is race-free across threads and processes: each call is one transaction that
 * locks the open alert of the subject with {@code SELECT ... FOR UPDATE}, so concurrent folds into
 * one alert queue up instead of losing counts, and the unique {@code open_key} column means two
 * writers that both found no open alert cannot both insert one: the loser gets a unique violation,
 * rolls back and retries, and then folds into the winner's alert.
 */
public final class AlertStore {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final int ATTEMPTS = 3;

  private final DataSource dataSource;
  private final Clock clock;
  private final Supplier<String> ids;
  private final AlertPlacement placement;
  private volatile RaiseGuard guard = RaiseGuard.NONE;

  /**
   * @param ids creates alert ids (UUIDv7 in production)
   */
  public AlertStore(DataSource dataSource, Clock clock, Supplier<String> ids) {
    this(dataSource, clock, ids, AlertPlacement.NONE);
  }

  /**
   * @param ids creates alert ids (UUIDv7 in production)
   * @param placement places each new alert at its starting desk, in the raising transaction
   */
  public AlertStore(
      DataSource dataSource, Clock clock, Supplier<String> ids, AlertPlacement placement) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.ids = ids;
    this.placement = placement;
  }

  /**
   * Records one sighting: folds it into the open alert with the candidate's rule and subject, or
   * raises a new alert at {@code location}. A sighting already recorded changes nothing.
   *
   * @throws IllegalStateException when the {@link RaiseGuard} held the new alert back (use {@link
   *     #recordOne} where a guard is set)
   */
  public AlertChange record(
      AlertCandidate candidate, AlertLocation location, String eventId, Instant seenAt)
      throws SQLException {
    Recorded r = recordOne(candidate, location, eventId, seenAt);
    if (r.change() == null) {
      throw new IllegalStateException("the raise was held back by suppression " + r.heldBy());
    }
    return r.change();
  }

  /**
   * Records one sighting in a transaction of its own, as {@link #record}, and says when the guard
   * held a new alert back.
   */
  public Recorded recordOne(
      AlertCandidate candidate, AlertLocation location, String eventId, Instant seenAt)
      throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          Recorded r = recordIn(c, new Sighting(candidate, location, eventId, seenAt));
          c.commit();
          return r;
        } catch (SQLException e) {
          c.rollback();
          if (attempt < ATTEMPTS && UNIQUE_VIOLATION.equals(e.getSQLState())) {
            continue; // another writer raised this subject's alert first: fold into it
          }
          throw e;
        }
      }
    }
  }

  /**
   * What recording one sighting did: {@code change} (raised, folded, already recorded), or nothing
   * because the suppression {@code heldBy} held back the new alert. Exactly one is set.
   */
  public record Recorded(AlertChange change, String heldBy) {

    public Recorded {
      if ((change == null) == (heldBy == null)) {
        throw new IllegalArgumentException("a sighting is either recorded or held back");
      }
    }

    public boolean held() {
      return heldBy != null;
    }
  }

  /** One sighting to record: what a rule found, where, and which event showed it. */
  public record Sighting(
      AlertCandidate candidate, AlertLocation location, String eventId, Instant seenAt) {}

  /**
   * Records several sightings, in order, in one transaction: one commit (one disk sync) per ingest
   * batch instead of one per sighting, which is what keeps PostgreSQL up with a busy checkpoint.
   * When the transaction fails (another writer raised one of the subjects' alerts first), it is
   * rolled back and each sighting is recorded on its own, so the result is the same.
   *
   * @return one change per sighting, in order, leaving out those the guard held back
   */
  public List<AlertChange> recordAll(List<Sighting> sightings) throws SQLException {
    return changes(recordEach(sightings));
  }

  /** As {@link #recordAll(List)}: one answer per sighting, in order, held-back ones too. */
  public List<Recorded> recordEach(List<Sighting> sightings) throws SQLException {
    if (sightings.size() == 1) {
      Sighting one = sightings.get(0);
      return List.of(recordOne(one.candidate(), one.location(), one.eventId(), one.seenAt()));
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<Recorded> recorded = recordEach(c, sightings);
        c.commit();
        return recorded;
      } catch (SQLException e) {
        c.rollback();
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
    }
    List<Recorded> recorded = new ArrayList<>(sightings.size());
    for (Sighting s : sightings) {
      recorded.add(recordOne(s.candidate(), s.location(), s.eventId(), s.seenAt()));
    }
    return recorded;
  }

  /**
   * Records sightings, in order, on the caller's transaction {@code c}, without committing it: the
   * ingest pipeline records alerts in the transaction that stores their events, so that both or
   * neither survive a crash. A unique violation (another process raised one of the subjects' alerts
   * first) is thrown as it is; roll back and try again.
   *
   * @return one change per sighting, in order, leaving out those the guard held back
   */
  public List<AlertChange> recordAll(Connection c, List<Sighting> sightings) throws SQLException {
    return changes(recordEach(c, sightings));
  }

  /** As {@link #recordAll(Connection, List)}: one answer per sighting, held-back ones too. */
  public List<Recorded> recordEach(Connection c, List<Sighting> sightings) throws SQLException {
    List<Recorded> recorded = new ArrayList<>(sightings.size());
    for (Sighting s : sightings) {
      recorded.add(recordIn(c, s));
    }
    return recorded;
  }

  /** Folds into the open alert (never held back), or asks the guard, then raises. */
  private Recorded recordIn(Connection c, Sighting s) throws SQLException {
    String openKey = openKey(s.candidate());
    Optional<Alert> open = AlertRows.lockOpen(c, openKey);
    if (open.isPresent()) {
      return new Recorded(fold(c, open.get(), s.eventId(), s.seenAt()), null);
    }
    Optional<String> heldBy = guard.suppressedBy(s.candidate(), s.location());
    if (heldBy.isPresent()) {
      return new Recorded(null, heldBy.get());
    }
    return new Recorded(
        raise(c, s.candidate(), s.location(), s.eventId(), s.seenAt(), openKey), null);
  }

  private static List<AlertChange> changes(List<Recorded> recorded) {
    return recorded.stream().filter(r -> !r.held()).map(Recorded::change).toList();
  }

  /** From now on, asks {@code guard} before raising a new alert (the alert module sets it). */
  void guardRaises(RaiseGuard guard) {
    this.guard = guard;
  }

  RaiseGuard guard() {
    return guard;
  }

  /**
   * Sets an open alert's state without the workflow (no desk, step or audit line): for this
   * package's tests of the open/closed rule only. Users' steps go through {@code
   * workflow.Transitions}.
   */
  Optional<Alert> transition(String id, AlertState to) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE alerts SET state = ?, open_key = "
                    + (to.isOpen() ? "open_key" : "NULL")
                    + ", updated_at = ?, version = version + 1 WHERE id = ? AND open_key IS NOT NULL")) {
      ps.setString(1, to.label());
      AlertRows.setInstant(ps, 2, clock.instant());
      ps.setString(3, id);
      ps.executeUpdate();
    }
    return get(id);
  }

  public Optional<Alert> get(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + AlertRows.COLUMNS + " FROM alerts WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(AlertRows.read(rs)) : Optional.empty();
      }
    }
  }

  /** Alerts matching the filter, the most recently seen first. */
  public List<Alert> find(AlertFilter filter) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return AlertRows.find(c, filter);
    }
  }

  /** The latest {@code limit} sightings behind an alert, newest first. */
  public List<Evidence> evidence(String alertId, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT event_id, seen_at FROM alert_evidence WHERE alert_id = ?"
                    + " ORDER BY seen_at DESC, event_id DESC LIMIT ?")) {
      ps.setString(1, alertId);
      ps.setInt(2, limit);
      List<Evidence> evidence = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          evidence.add(new Evidence(rs.getString(1), AlertRows.instant(rs, "seen_at")));
        }
      }
      return evidence;
    }
  }

  private AlertChange fold(Connection c, Alert open, String eventId, Instant seenAt)
      throws SQLException {
    if (AlertRows.hasEvidence(c, open.id(), eventId)) {
      return new AlertChange(open, AlertChange.Kind.ALREADY_RECORDED);
    }
    AlertRows.addEvidence(c, open.id(), eventId, seenAt);
    // Events can arrive out of order (an edge catching up after an outage).
    boolean earlier = seenAt.isBefore(open.firstSeen());
    boolean later = !seenAt.isBefore(open.lastSeen());
    Alert folded =
        new Alert(
            open.id(),
            open.rule(),
            open.severity(),
            open.subjectType(),
            open.subjectKey(),
            open.subjectLabel(),
            open.state(),
            open.deviceId(),
            open.gridCode(),
            open.villageCode(),
            open.regionPath(),
            open.personId(),
            open.plate(),
            open.reason(),
            open.count() + 1,
            earlier ? seenAt : open.firstSeen(),
            later ? seenAt : open.lastSeen(),
            open.createdAt(),
            clock.instant(),
            earlier ? eventId : open.firstEventId(),
            later ? eventId : open.lastEventId(),
            open.version() + 1);
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE alerts SET count = ?, first_seen = ?, last_seen = ?, updated_at = ?,"
                + " first_event_id = ?, last_event_id = ?, version = ?"
                + " WHERE id = ? AND version = ?")) {
      ps.setInt(1, folded.count());
      AlertRows.setInstant(ps, 2, folded.firstSeen());
      AlertRows.setInstant(ps, 3, folded.lastSeen());
      AlertRows.setInstant(ps, 4, folded.updatedAt());
      ps.setString(5, folded.firstEventId());
      ps.setString(6, folded.lastEventId());
      ps.setInt(7, folded.version());
      ps.setString(8, open.id());
      ps.setInt(9, open.version());
      if (ps.executeUpdate() != 1) {
        throw new SQLException("alert " + open.id() + " changed while locked", "40001");
      }
    }
    return new AlertChange(folded, AlertChange.Kind.FOLDED);
  }

  private AlertChange raise(
      Connection c,
      AlertCandidate k,
      AlertLocation at,
      String eventId,
      Instant seenAt,
      String openKey)
      throws SQLException {
    Instant now = clock.instant();
    Alert alert =
        new Alert(
            ids.get(),
            k.rule(),
            k.severity(),
            k.subjectType(),
            k.subjectKey(),
            truncate(k.subjectLabel(), 200),
            AlertState.NEW,
            at.deviceId(),
            at.gridCode(),
            at.villageCode(),
            at.regionPath(),
            k.personId(),
            k.plate(),
            truncate(k.reason(), 200),
            1,
            seenAt,
            seenAt,
            now,
            now,
            eventId,
            eventId,
            1);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO alerts ("
                + AlertRows.COLUMNS
                + ", open_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)")) {
      AlertRows.bindAll(ps, alert, openKey);
      ps.executeUpdate();
    }
    placement.place(c, alert);
    AlertRows.addEvidence(c, alert.id(), eventId, seenAt);
    return new AlertChange(alert, AlertChange.Kind.RAISED);
  }

  /** The open key of an alert: at most one open alert per rule and subject. */
  public static String openKey(Alert a) {
    return a.rule() + "|" + a.subjectType().label() + "|" + a.subjectKey();
  }

  static String openKey(AlertCandidate k) {
    return k.rule() + "|" + k.subjectType().label() + "|" + k.subjectKey();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
