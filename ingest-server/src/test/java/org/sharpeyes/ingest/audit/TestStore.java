package org.sharpeyes.ingest.audit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.StoreConfig;
import org.sharpeyes.ingest.store.Database;

/**
 * A fresh, empty database for one test, opened through {@link Database} as a server opens it (so
 * Flyway migrates it), as many times as the test has "servers"; closed and dropped by {@link
 * #close()}. PostgreSQL: the server named by {@code SHARPEYES_IT_JDBC_URL} (user {@code
 * SHARPEYES_IT_JDBC_USER}, as {@code .ci/run} sets them), else the one at 127.0.0.1:5432; the test
 * is skipped when none answers.
 */
final class TestStore implements AutoCloseable {

  private static final String PG_ADMIN_URL =
      Optional.ofNullable(System.getenv("SHARPEYES_IT_JDBC_URL"))
          .filter(u -> !u.isBlank())
          .orElse("jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String PG_USER =
      Optional.ofNullable(System.getenv("SHARPEYES_IT_JDBC_USER")).orElse("postgres");

  private final StoreConfig config;
  private final String pgName;
  private final List<Database> opened = new ArrayList<>();

  private TestStore(StoreConfig config, String pgName) {
    this.config = config;
    this.pgName = pgName;
  }

  static TestStore h2() {
    return new TestStore(
        new StoreConfig("jdbc:h2:mem:audit-" + UUID.randomUUID(), Credentials.NONE, 4), null);
  }

  static TestStore postgres() {
    String name =
        "sharpeyes_audit_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    try (Connection admin = admin()) {
      assumeTrue(admin != null, "PostgreSQL not reachable at " + PG_ADMIN_URL);
      try (Statement st = admin.createStatement()) {
        st.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    int slash = PG_ADMIN_URL.lastIndexOf('/');
    int query = PG_ADMIN_URL.indexOf('?', slash);
    String url =
        PG_ADMIN_URL.substring(0, slash + 1)
            + name
            + (query < 0 ? "" : PG_ADMIN_URL.substring(query))
            + (PG_ADMIN_URL.contains("user=") ? "" : (query < 0 ? "?" : "&") + "user=" + PG_USER);
    return new TestStore(new StoreConfig(url, Credentials.NONE, 4), name);
  }

  StoreConfig config() {
    return config;
  }

  /** Opens the database once more, as one more server would. */
  Database open() {
    Database d = Database.open(config, null);
    opened.add(d);
    return d;
  }

  /** Runs SQL as someone with direct access to the database would (to tamper, say). */
  int execute(String sql) {
    try (Connection c = opened.get(0).dataSource().getConnection();
        Statement st = c.createStatement()) {
      return st.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() throws SQLException {
    opened.forEach(Database::close);
    opened.clear();
    if (pgName != null) {
      try (Connection admin = admin();
          Statement st = admin.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
      }
    }
  }

  private static Connection admin() {
    try {
      DriverManager.setLoginTimeout(3);
      return DriverManager.getConnection(PG_ADMIN_URL, PG_USER, null);
    } catch (SQLException e) {
      return null;
    }
  }
}
