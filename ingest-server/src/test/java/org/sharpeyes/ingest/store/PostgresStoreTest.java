package org.sharpeyes.ingest.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.StoreConfig;

/**
 * The store contract on PostgreSQL at 127.0.0.1:5432 (user {@code postgres}, or {@code
 * SHARPEYES_TEST_PG_URL}), in a throwaway database created and dropped around each test. Skipped
 * when no PostgreSQL answers.
 */
class PostgresStoreTest extends StoreContract {

  private static final String ADMIN_URL =
      System.getenv()
          .getOrDefault(
              "SHARPEYES_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private String name;
  private Database database;

  @BeforeEach
  void createThrowawayDatabase() throws SQLException {
    name = "sharpeyes_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = admin()) {
      assumeTrue(admin != null, "PostgreSQL not reachable at " + ADMIN_URL);
      admin.createStatement().execute("CREATE DATABASE " + name);
    }
    String url = ADMIN_URL.replace("/postgres?", "/" + name.toLowerCase(Locale.ROOT) + "?");
    database = Database.open(new StoreConfig(url, Credentials.NONE, 2), null);
  }

  @AfterEach
  void dropIt() throws SQLException {
    if (database != null) {
      database.close();
    }
    try (Connection admin = admin()) {
      if (admin != null && name != null) {
        admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  @Override
  Database database() {
    return database;
  }

  private static Connection admin() {
    try {
      DriverManager.setLoginTimeout(3);
      return DriverManager.getConnection(ADMIN_URL);
    } catch (SQLException e) {
      return null;
    }
  }
}
