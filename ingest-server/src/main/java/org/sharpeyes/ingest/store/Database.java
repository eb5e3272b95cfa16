package org.sharpeyes.ingest.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.sharpeyes.ingest.config.StoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool to H2 or PostgreSQL, migrated to the current schema on open. The migrations
 * under {@code db/migration} run unchanged on both databases.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens the pool and applies pending migrations.
   *
   * @throws StoreUnavailableException when the database cannot be reached or migrated
   */
  public static Database open(StoreConfig config, MeterRegistry registry) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("sharpeyes-store");
    hc.setJdbcUrl(config.jdbcUrl());
    if (config.credentials().username() != null) {
      hc.setUsername(config.credentials().username());
    }
    if (config.credentials().password() != null) {
      hc.setPassword(config.credentials().password().value());
    }
    hc.setMaximumPoolSize(config.poolSize());
    hc.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    if (config.isPostgres()) {
      hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    if (registry != null) {
      hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException(
          "cannot connect to " + redacted(config.jdbcUrl()) + ": " + rootMessage(e), e);
    }
    try {
      MigrateResult result =
          Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      LOG.info(
          "store schema at version {} ({} migration(s) applied) on {}",
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : result.initialSchemaVersion,
          result.migrationsExecuted,
          redacted(config.jdbcUrl()));
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreUnavailableException(
          "cannot migrate " + redacted(config.jdbcUrl()) + ": " + rootMessage(e), e);
    }
    return new Database(ds);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Whether a connection can be borrowed and is valid within {@code timeout}. Blocking. */
  public boolean isReachable(Duration timeout) {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid((int) Math.max(1, timeout.toSeconds()));
    } catch (SQLException e) {
      return false;
    }
  }

  /** The JDBC URL without any password parameter, for logs. */
  public static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
