package org.sharpeyes.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.StoreUnavailableException;
import org.sharpeyes.ingest.testing.SwitchableDataSource;

/**
 * What the audit record must do on every supported database. Subclasses give a fresh, empty
 * database; the test opens it once per "server".
 */
abstract class AuditTrailContract {

  static final Instant T0 = Instant.parse("2026-11-27T08:00:00.123456789Z");

  private TestStore store;
  private SimpleMeterRegistry registry;
  private Database db;
  private JdbcAuditTrail trail;

  abstract TestStore freshStore();

  @BeforeEach
  void openTrail() {
    store = freshStore();
    db = store.open();
    registry = new SimpleMeterRegistry();
    trail = new JdbcAuditTrail(db.dataSource(), new AuditMetrics(registry));
  }

  @AfterEach
  void dropStore() throws SQLException {
    store.close();
  }

  static AuditEntry login(String actor, int n) {
    return new AuditEntry(
        T0.plusSeconds(n), actor, "127.0.0.1", "login", actor, "ok", "attempt " + n);
  }

  List<AuditRow> rows() throws SQLException {
    List<AuditRow> rows = new ArrayList<>();
    new AuditRows(db.dataSource()).walk(1, Long.MAX_VALUE, rows::add);
    return rows;
  }

  static void assertOneUnbrokenChain(List<AuditRow> rows, int expected) {
    assertThat(rows).hasSize(expected);
    String prev = AuditHash.GENESIS;
    for (int i = 0; i < rows.size(); i++) {
      AuditRow row = rows.get(i);
      assertThat(row.seq()).as("seq of row %d", i + 1).isEqualTo(i + 1);
      assertThat(row.prevHash()).as("link of row %d", row.seq()).isEqualTo(prev);
      assertThat(row.hash()).as("hash of row %d", row.seq()).isEqualTo(row.computedHash());
      prev = row.hash();
    }
  }

  @Test
  void appendedEntriesAreStoredAsGivenAndEachRowHashesItsContentAndThePreviousRow()
      throws SQLException {
    trail.record(login("zhao.min", 1));
    trail.record(
        new AuditEntry(
            T0.plusSeconds(2), "zhao.min", "10.0.0.7", "person.read", "kp-0042", "ok", null));

    List<AuditRow> rows = rows();

    assertOneUnbrokenChain(rows, 2);
    assertThat(rows.get(0).prevHash()).isEqualTo(AuditHash.GENESIS);
    assertThat(rows.get(0).entry().at()).isEqualTo(Instant.parse("2026-11-27T08:00:01.123456Z"));
    assertThat(rows.get(1).entry())
        .isEqualTo(
            new AuditEntry(
                Instant.parse("2026-11-27T08:00:02.123456Z"),
                "zhao.min",
                "10.0.0.7",
                "person.read",
                "kp-0042",
                "ok",
                ""));
    assertThat(rows.get(1).hash()).hasSize(64).isNotEqualTo(rows.get(0).hash());
    assertThat(
            registry
                .get(AuditMetrics.RECORDS)
                .tag("action", "person.read")
                .tag("outcome", "ok")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void eightThreadsAppendingAtOnceLeaveOneChainWithoutGaps() throws Exception {
    appendConcurrently(List.of(trail), 8, 25);

    assertOneUnbrokenChain(rows(), 200);
  }

  @Test
  void twoServersOnOneDatabaseAppendToOneChain() throws Exception {
    Database second = store.open();
    JdbcAuditTrail other =
        new JdbcAuditTrail(second.dataSource(), new AuditMetrics(new SimpleMeterRegistry()));

    appendConcurrently(List.of(trail, other), 6, 20);

    assertOneUnbrokenChain(rows(), 120);
  }

  @Test
  void aNameTooLongForItsColumnIsCutAndStillRecorded() throws SQLException {
    String tried = "x".repeat(5000);
    trail.record(
        new AuditEntry(T0, tried, "127.0.0.1", "login", tried, "refused", "d".repeat(9000)));

    AuditRow row = rows().get(0);
    assertThat(row.entry().actor()).hasSize(JdbcAuditTrail.ACTOR_MAX).endsWith("…");
    assertThat(row.entry().subject()).hasSize(JdbcAuditTrail.SUBJECT_MAX);
    assertThat(row.entry().detail()).hasSize(JdbcAuditTrail.DETAIL_MAX);
    assertThat(row.hash()).isEqualTo(row.computedHash());
  }

  @Test
  void anEntryThatCannotBeWrittenThrowsStoreUnavailableAndIsCountedAsAFailure() {
    SwitchableDataSource lost = new SwitchableDataSource(db.dataSource());
    JdbcAuditTrail failing = new JdbcAuditTrail(lost, new AuditMetrics(registry));
    lost.down();

    assertThatThrownBy(() -> failing.record(login("zhao.min", 1)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot write the audit record (login)");
    assertThat(registry.get(AuditMetrics.FAILURES).counter().count()).isEqualTo(1.0);
  }

  private static void appendConcurrently(List<JdbcAuditTrail> trails, int threads, int each)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JdbcAuditTrail target = trails.get(t % trails.size());
        String actor = "writer-" + t;
        tasks.add(
            () -> {
              for (int i = 0; i < each; i++) {
                target.record(login(actor, i));
              }
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(tasks)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
