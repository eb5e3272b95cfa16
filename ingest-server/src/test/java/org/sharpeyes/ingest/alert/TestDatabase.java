package org.sharpeyes.ingest.alert;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway database migrated with the module's Flyway scripts: H2 in memory, or a fresh database
 * on the machine's PostgreSQL at 127.0.0.1:5432 (user postgres, trust), dropped on close.
 * PostgreSQL tests are skipped when it is not reachable.
 */
public final class TestDatabase implements AutoCloseable {

  private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  /** Same DDL as V1__events.sql of the store, for as long as that migration may be absent. */
  private static final String EVENTS_DDL =
      "CREATE TABLE IF NOT EXISTS events (id VARCHAR(64) PRIMARY KEY, type VARCHAR(40) NOT NULL,"
          + " edge_id VARCHAR(64) NOT NULL, device_id VARCHAR(20) NOT NULL, seq BIGINT NOT NULL,"
          + " event_time TIMESTAMP WITH TIME ZONE NOT NULL,"
          + " received_at TIMESTAMP WITH TIME ZONE NOT NULL, plate VARCHAR(16),"
          + " payload TEXT NOT NULL)";

  private final String name;
  private final DataSource dataSource;
  private final boolean postgres;

  private TestDatabase(String name, DataSource dataSource, boolean postgres) {
    this.name = name;
    this.dataSource = dataSource;
    this.postgres = postgres;
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    execute(EVENTS_DDL);
  }

  public static TestDatabase h2() {
    JdbcDataSource ds = new JdbcDataSource();
    String name = "alerts_" + UUID.randomUUID().toString().replace("-", "");
    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return new TestDatabase(name, ds, false);
  }

  public static TestDatabase postgres() {
    String name =
        "sharpeyes_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    DriverManager.setLoginTimeout(3);
    try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      Assumptions.abort("PostgreSQL at 127.0.0.1:5432 is not reachable: " + e.getMessage());
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL("jdbc:postgresql://127.0.0.1:5432/" + name);
    ds.setUser("postgres");
    return new TestDatabase(name, ds, true);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public void execute(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() throws SQLException {
    if (postgres) {
      try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
          Statement st = admin.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    } else {
      execute("SHUTDOWN");
    }
  }
}
