package org.sharpeyes.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditMetrics;
import org.sharpeyes.ingest.audit.AuditRow;
import org.sharpeyes.ingest.audit.JdbcAuditTrail;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.StoreConfig;
import org.sharpeyes.ingest.store.Database;
import picocli.CommandLine;

/** {@code ingest-server audit verify} on the H2 file database a config file names. */
class AuditVerifyCommandTest {

  private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");

  @TempDir Path dir;
  private Path configFile;
  private StoreConfig store;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeConfig() throws Exception {
    store = new StoreConfig("jdbc:h2:file:" + dir.resolve("sharpeyes"), Credentials.NONE, 2);
    configFile = dir.resolve("ingest-server.yaml");
    Files.writeString(
        configFile,
        "dataDir: "
            + dir
            + "\nreferenceData: "
            + dir
            + "\nstore:\n  jdbcUrl: "
            + store.jdbcUrl()
            + "\n");
  }

  private AuditRow appendThreeRows() {
    try (Database db = Database.open(store, null)) {
      JdbcAuditTrail trail =
          new JdbcAuditTrail(db.dataSource(), new AuditMetrics(new SimpleMeterRegistry()));
      AuditRow last = null;
      for (int i = 1; i <= 3; i++) {
        last =
            trail.append(
                new AuditEntry(
                    T0.plusSeconds(i), "chen.jing", "10.1.1.9", "photo.read", "kp-" + i, "ok", ""));
      }
      return last;
    }
  }

  private void tamper(String sql) throws Exception {
    try (Database db = Database.open(store, null);
        Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  private int verify() {
    CommandLine cli = new CommandLine(new IngestServerMain());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute("audit", "verify", "--config", configFile.toString());
  }

  @Test
  void anUntouchedRecordIsOkWithItsRowCountAndHeadHash() {
    AuditRow last = appendThreeRows();

    int code = verify();

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("OK: 3 rows, seq 1..3, head hash " + last.hash());
  }

  @Test
  void aRowWhoseDetailWasEditedInTheDatabaseFailsVerifyNamingThatRow() throws Exception {
    appendThreeRows();
    tamper("UPDATE audit_log SET detail = 'routine check' WHERE seq = 2");

    int code = verify();

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("BROKEN: row 2: content hash mismatch");
  }

  @Test
  void aDeletedMiddleRowFailsVerifyNamingTheGap() throws Exception {
    appendThreeRows();
    tamper("DELETE FROM audit_log WHERE seq = 2");

    int code = verify();

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("BROKEN: row 2: gap — row 2 is missing");
  }
}
