package org.sharpeyes.ingest.audit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.StoreConfig;
import org.sharpeyes.ingest.store.Database;

/**
 * The audit contract on PostgreSQL, in a throwaway database created and dropped around each test:
 * the server named by {@code SHARPEYES_IT_JDBC_URL} (user {@code SHARPEYES_IT_JDBC_USER}, as {@code
 * .ci/run} sets them), else the one at 127.0.0.1:5432. Skipped when no PostgreSQL answers.
 */
class PostgresAuditTrailTest extends AuditTrailContract {

  private static final String ADMIN_URL =
      Optional.ofNullable(System.getenv("SHARPEYES_IT_JDBC_URL"))
          .filter(u -> !u.isBlank())
          .orElse("jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER =
      Optional.ofNullable(System.getenv("SHARPEYES_IT_JDBC_USER")).orElse("postgres");

  private String name;
  private StoreConfig config;

  @Override
  StoreConfig freshDatabase() {
    name =
        "sharpeyes_audit_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    try (Connection admin = admin()) {
      assumeTrue(admin != null, "PostgreSQL not reachable at " + ADMIN_URL);
      try (Statement st = admin.createStatement()) {
        st.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    int slash = ADMIN_URL.lastIndexOf('/');
    int query = ADMIN_URL.indexOf('?', slash);
    String url =
        ADMIN_URL.substring(0, slash + 1)
            + name
            + (query < 0 ? "" : ADMIN_URL.substring(query))
            + (ADMIN_URL.contains("user=") ? "" : (query < 0 ? "?" : "&") + "user=" + USER);
    config = new StoreConfig(url, Credentials.NONE, 4);
    return config;
  }

  @Override
  StoreConfig configOf(Database first) {
    return config;
  }

  @AfterEach
  void dropIt() throws SQLException {
    closeDatabases();
    try (Connection admin = admin()) {
      if (admin != null && name != null) {
        try (Statement st = admin.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
      }
    }
  }

  private static Connection admin() {
    try {
      DriverManager.setLoginTimeout(3);
      return DriverManager.getConnection(ADMIN_URL, USER, null);
    } catch (SQLException e) {
      return null;
    }
  }
}
