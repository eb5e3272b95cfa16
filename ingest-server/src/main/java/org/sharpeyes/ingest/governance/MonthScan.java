package org.sharpeyes.ingest.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.RegionLevel;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.ingest.rule.DeviceOfflineRule;

/**
 * Computes the figures of every unit for one month from the alert history: one pass over the alerts
 * raised in the month (the {@code created_at} index), tallied at once into their grid cell,
 * village, township, county and the city total (docs/governance.md, "Formulas").
 *
 * <p>An alert's figures are judged on its own row: {@code acknowledged_at}, {@code closed_at},
 * {@code state}, {@code overdue} (set by the escalation scan when any deadline passed), {@code
 * escalations}, {@code start_level} and {@code top_level}. Acknowledged on time means within the
 * time to acknowledge of the desk it started at ({@code workflow.deadlines}), the deadline after
 * which the escalation scan would have moved it; an alert raised before the workflow existed (no
 * start level) counts as on time when it was acknowledged and never escalated nor overdue.
 *
 * <p>{@code device-offline} alerts are left out: they measure equipment, not how a unit handles
 * security events, and the server closes them itself when the device is back.
 */
final class MonthScan {

  static final String CITY_KEY = "city";

  private static final String SQL =
      "SELECT created_at, acknowledged_at, closed_at, state, overdue, escalations, start_level,"
          + " top_level, severity, grid_code, village_code, township_code, county_code"
          + " FROM alerts WHERE created_at >= ? AND created_at < ? AND rule <> '"
          + DeviceOfflineRule.ID
          + "'";

  private final DataSource dataSource;
  private final WorkflowConfig config;

  MonthScan(DataSource dataSource, WorkflowConfig config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  /** The figures of every unit with at least one alert in {@code [from, until)}, and the city. */
  Map<GovernanceLevel, Map<String, Figures>> scan(Instant from, Instant until) throws SQLException {
    Map<GovernanceLevel, Map<String, Tally>> tallies = new EnumMap<>(GovernanceLevel.class);
    for (GovernanceLevel level : GovernanceLevel.values()) {
      tallies.put(level, new HashMap<>());
    }
    Tally city = new Tally();
    tallies.get(GovernanceLevel.CITY).put(CITY_KEY, city);
    long[] ackLimit = ackLimits();
    try (Connection c = dataSource.getConnection()) {
      // PostgreSQL streams a result in fetchSize rows only inside a transaction; else it would
      // hold all of a month's rows in memory at once.
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        scan(c, from, until, tallies, city, ackLimit);
      } finally {
        c.rollback();
        c.setAutoCommit(auto);
      }
    }
    Map<GovernanceLevel, Map<String, Figures>> figures = new EnumMap<>(GovernanceLevel.class);
    tallies.forEach(
        (level, units) -> {
          Map<String, Figures> byUnit = new HashMap<>();
          units.forEach((code, t) -> byUnit.put(code, t.figures()));
          figures.put(level, byUnit);
        });
    return figures;
  }

  private void scan(
      Connection c,
      Instant from,
      Instant until,
      Map<GovernanceLevel, Map<String, Tally>> tallies,
      Tally city,
      long[] ackLimit)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setFetchSize(10_000);
      ps.setObject(1, OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
      ps.setObject(2, OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Tally.AlertOutcome a = outcome(rs, ackLimit);
          city.add(a);
          add(tallies.get(GovernanceLevel.GRID), rs.getString(10), a);
          add(tallies.get(GovernanceLevel.VILLAGE), rs.getString(11), a);
          add(tallies.get(GovernanceLevel.TOWNSHIP), rs.getString(12), a);
          add(tallies.get(GovernanceLevel.COUNTY), rs.getString(13), a);
        }
      }
    }
  }

  private static void add(Map<String, Tally> units, String code, Tally.AlertOutcome a) {
    if (code != null) {
      units.computeIfAbsent(code, k -> new Tally()).add(a);
    }
  }

  /** Seconds to acknowledge, by desk level ordinal × 4 + severity ordinal. */
  private long[] ackLimits() {
    long[] limits = new long[RegionLevel.values().length * Severity.values().length];
    for (RegionLevel level : RegionLevel.values()) {
      for (Severity s : Severity.values()) {
        limits[level.ordinal() * Severity.values().length + s.ordinal()] =
            config.deadline(level, s).acknowledge().toSeconds();
      }
    }
    return limits;
  }

  private static Tally.AlertOutcome outcome(ResultSet rs, long[] ackLimit) throws SQLException {
    long created = epochSecond(rs, 1);
    long acked = epochSecond(rs, 2);
    long closed = epochSecond(rs, 3);
    String state = rs.getString(4);
    boolean overdue = rs.getBoolean(5);
    int escalations = rs.getInt(6);
    String startLevel = rs.getString(7);
    String topLevel = rs.getString(8);
    long ackSeconds = acked == Long.MIN_VALUE ? -1 : Math.max(0, acked - created);
    boolean resolved = "resolved".equals(state) && closed != Long.MIN_VALUE;
    boolean ackOnTime;
    if (ackSeconds < 0) {
      ackOnTime = false;
    } else if (startLevel == null) {
      ackOnTime = escalations == 0 && !overdue;
    } else {
      ackOnTime = ackSeconds <= ackLimit[limitIndex(startLevel, rs.getString(9))];
    }
    boolean villageStarted = "village".equals(startLevel);
    return new Tally.AlertOutcome(
        ackSeconds,
        ackOnTime,
        resolved ? Math.max(0, closed - created) : -1,
        overdue,
        escalations > 0,
        villageStarted,
        villageStarted && resolved && "village".equals(topLevel),
        "false-positive".equals(state));
  }

  private static int limitIndex(String level, String severity) {
    RegionLevel l = RegionLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT));
    Severity s = Severity.fromLabel(severity).orElse(Severity.LOW);
    return l.ordinal() * Severity.values().length + s.ordinal();
  }

  private static long epochSecond(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? Long.MIN_VALUE : t.toEpochSecond();
  }
}
