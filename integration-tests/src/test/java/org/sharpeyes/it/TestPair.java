package org.sharpeyes.it;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Which broker and store an end-to-end run uses. The embedded pair (Artemis in-process + H2) always
 * runs; the real pair (Mosquitto + PostgreSQL) runs when {@code SHARPEYES_IT_MQTT_URL} and {@code
 * SHARPEYES_IT_JDBC_URL} name them, as {@code .ci/run} does.
 */
public record TestPair(String name, Optional<URI> externalBroker, Optional<String> adminJdbcUrl) {

  static final String MQTT_ENV = "SHARPEYES_IT_MQTT_URL";
  public static final String JDBC_ENV = "SHARPEYES_IT_JDBC_URL";
  static final String JDBC_USER_ENV = "SHARPEYES_IT_JDBC_USER";

  static TestPair embedded() {
    return new TestPair("embedded Artemis + H2", Optional.empty(), Optional.empty());
  }

  /** The real pair from the environment, or empty when the variables are not set. */
  static Optional<TestPair> real() {
    String mqtt = System.getenv(MQTT_ENV);
    String jdbc = System.getenv(JDBC_ENV);
    if (mqtt == null || mqtt.isBlank() || jdbc == null || jdbc.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new TestPair("Mosquitto + PostgreSQL", Optional.of(URI.create(mqtt)), Optional.of(jdbc)));
  }

  /** The real pair, or the test is skipped saying which variables to set. */
  static TestPair realOrSkip() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        real().isPresent(),
        "set " + MQTT_ENV + " and " + JDBC_ENV + " to run on Mosquitto + PostgreSQL");
    return real().orElseThrow();
  }

  public static String jdbcUser() {
    return Optional.ofNullable(System.getenv(JDBC_USER_ENV)).orElse("postgres");
  }

  /** Creates a throwaway PostgreSQL database and returns its JDBC URL. */
  public static String createDatabase(String adminUrl, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl, jdbcUser(), null);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    int slash = adminUrl.lastIndexOf('/');
    int query = adminUrl.indexOf('?', slash);
    return adminUrl.substring(0, slash + 1)
        + name
        + (query < 0 ? "" : adminUrl.substring(query))
        + (adminUrl.contains("user=") ? "" : (query < 0 ? "?" : "&") + "user=" + jdbcUser());
  }

  public static void dropDatabase(String adminUrl, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl, jdbcUser(), null);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  public static String uniqueName(String prefix) {
    return prefix
        + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return name;
  }
}
