package org.sharpeyes.ingest.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.function.Predicate;
import javax.sql.DataSource;

/** Reads rows of {@code audit_log} as they are stored. Thread-safe; blocking. */
public final class AuditRows {

  static final String COLUMNS =
      "seq, at, actor, from_addr, action, subject, outcome, detail, prev_hash, hash";

  private static final int FETCH_SIZE = 500;

  private final DataSource dataSource;

  public AuditRows(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Hands the rows from {@code fromSeq} to {@code toSeq} to {@code each}, in seq order, streaming
   * (the chain may be far larger than memory), until {@code each} answers {@code false}.
   */
  public void walk(long fromSeq, long toSeq, Predicate<AuditRow> each) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      // PostgreSQL streams a result set only inside a transaction with a fetch size.
      c.setAutoCommit(false);
      try {
        walk(c, fromSeq, toSeq, each);
      } finally {
        c.rollback();
      }
    }
  }

  /** As {@link #walk(long, long, Predicate)}, within {@code c}'s open transaction. */
  static void walk(Connection c, long fromSeq, long toSeq, Predicate<AuditRow> each)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
      ps.setFetchSize(FETCH_SIZE);
      ps.setLong(1, fromSeq);
      ps.setLong(2, toSeq);
      try (ResultSet rs = ps.executeQuery()) {
        boolean more = true;
        while (more && rs.next()) {
          more = each.test(row(rs));
        }
      }
    }
  }

  /** The row at the cursor of {@code rs}, whose columns are {@link #COLUMNS} in that order. */
  static AuditRow row(ResultSet rs) throws SQLException {
    AuditEntry entry =
        new AuditEntry(
            rs.getObject(2, OffsetDateTime.class).toInstant(),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8));
    return new AuditRow(rs.getLong(1), entry, rs.getString(9), rs.getString(10));
  }
}
