package org.sharpeyes.ingest.store;

import java.sql.SQLException;

/** Classifies database errors by SQLState, the same way on H2 and PostgreSQL. */
public final class SqlFailures {

  /** Unique constraint violated. */
  static final String UNIQUE_VIOLATION = "23505";

  private SqlFailures() {}

  /** The insert hit an existing primary key (or another unique key). */
  static boolean isDuplicateKey(SQLException e) {
    return anyState(e, UNIQUE_VIOLATION);
  }

  /**
   * The row itself can never be stored (data exception, class 22, or integrity violation, class
   * 23): retrying is pointless, while other errors (connection lost, timeouts) may pass.
   */
  static boolean isPermanent(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /**
   * The statement gave up waiting for a lock, or lost a deadlock or serialisation race: the same
   * transaction may pass when tried again. PostgreSQL: 40001, 40P01, 55P03; H2: 40001, HYT00 (lock
   * timeout), 90131 (concurrent update).
   */
  public static boolean isLockContention(SQLException e) {
    return anyState(e, "40001")
        || anyState(e, "40P01")
        || anyState(e, "55P03")
        || anyState(e, "HYT00")
        || anyState(e, "90131");
  }

  private static boolean anyState(SQLException e, String wanted) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SQLException sql && wanted.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException sql && sql.getNextException() != null) {
      return sql.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
