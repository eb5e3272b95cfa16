package org.sharpeyes.ingest.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.sharpeyes.ingest.store.SqlFailures;
import org.sharpeyes.ingest.store.StoreUnavailableException;

/**
 * The audit record in the {@code audit_log} table (V5__audit.sql), chained by {@link AuditHash}.
 *
 * <p>Each append is one transaction that locks the one row of {@code audit_head} ({@code SELECT ...
 * FOR UPDATE}), takes the next seq and the previous hash from it, inserts the row and moves the
 * head. The lock is the database's, so appends from any number of threads and of servers sharing
 * the database form one chain without gaps. Thread-safe; blocking (call it from a worker thread).
 */
public final class JdbcAuditTrail implements AuditTrail {

  static final int ACTOR_MAX = 200;
  static final int FROM_MAX = 100;
  static final int ACTION_MAX = 64;
  static final int SUBJECT_MAX = 400;
  static final int OUTCOME_MAX = 16;
  static final int DETAIL_MAX = 4000;

  /** Lock waits that time out under heavy contention are tried again this many times. */
  private static final int ATTEMPTS = 5;

  private static final String LOCK_HEAD =
      "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
  private static final String INSERT =
      "INSERT INTO audit_log (seq, at, actor, from_addr, action, subject, outcome, detail,"
          + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String MOVE_HEAD = "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1";

  private final DataSource dataSource;
  private final AuditMetrics metrics;

  public JdbcAuditTrail(DataSource dataSource, AuditMetrics metrics) {
    this.dataSource = dataSource;
    this.metrics = metrics;
  }

  /**
   * Appends {@code entry}; its text fields are cut to their column lengths (marked with {@code …})
   * and its time to the microsecond, and the row is hashed as stored.
   *
   * @throws StoreUnavailableException when the row cannot be written
   */
  @Override
  public void record(AuditEntry entry) {
    AuditRow row = append(entry);
    metrics.recorded(row.entry().action(), row.entry().outcome());
  }

  /** As {@link #record}, returning the row as written. */
  public AuditRow append(AuditEntry entry) {
    AuditEntry stored = storable(entry);
    SQLException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return appendOnce(stored);
      } catch (SQLException e) {
        last = e;
        if (!SqlFailures.isLockContention(e)) {
          break;
        }
      }
    }
    metrics.failed();
    throw new StoreUnavailableException(
        "cannot write the audit record (" + entry.action() + "): " + last.getMessage(), last);
  }

  private AuditRow appendOnce(AuditEntry entry) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        AuditRow row = appendIn(c, entry);
        c.commit();
        return row;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Appends within {@code c}'s open transaction; the caller commits. */
  static AuditRow appendIn(Connection c, AuditEntry entry) throws SQLException {
    long prevSeq;
    String prevHash;
    try (PreparedStatement ps = c.prepareStatement(LOCK_HEAD);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_head has no row: the V5__audit migration did not run");
      }
      prevSeq = rs.getLong(1);
      prevHash = rs.getString(2);
    }
    long seq = prevSeq + 1;
    AuditRow row = new AuditRow(seq, entry, prevHash, AuditHash.of(seq, entry, prevHash));
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setLong(1, seq);
      ps.setObject(2, entry.at().atOffset(ZoneOffset.UTC));
      ps.setString(3, entry.actor());
      ps.setString(4, entry.from());
      ps.setString(5, entry.action());
      ps.setString(6, entry.subject());
      ps.setString(7, entry.outcome());
      ps.setString(8, entry.detail());
      ps.setString(9, prevHash);
      ps.setString(10, row.hash());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(MOVE_HEAD)) {
      ps.setLong(1, seq);
      ps.setString(2, row.hash());
      ps.executeUpdate();
    }
    return row;
  }

  /** {@code entry} as the table can hold it, so that the hash is over what is stored. */
  static AuditEntry storable(AuditEntry entry) {
    Instant at = AuditHash.stored(entry.at());
    return new AuditEntry(
        at,
        clip(entry.actor(), ACTOR_MAX),
        clip(entry.from(), FROM_MAX),
        clip(entry.action(), ACTION_MAX),
        clip(entry.subject(), SUBJECT_MAX),
        clip(entry.outcome(), OUTCOME_MAX),
        clip(entry.detail(), DETAIL_MAX));
  }

  private static String clip(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + "…";
  }
}
