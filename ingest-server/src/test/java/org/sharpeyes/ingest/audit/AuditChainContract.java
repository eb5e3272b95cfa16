package org.sharpeyes.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.audit.AuditBreak.Flaw;
import org.sharpeyes.ingest.store.Database;

/**
 * {@code audit verify} and pruning on every supported database: someone with write access to the
 * database edits or deletes rows, and the walk names the first row that no longer holds.
 */
abstract class AuditChainContract {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration RETENTION = Duration.ofDays(30);

  private TestStore store;
  private Database db;
  private JdbcAuditTrail trail;
  private AuditVerifier verifier;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  abstract TestStore freshStore();

  @BeforeEach
  void openStore() {
    store = freshStore();
    db = store.open();
    trail = new JdbcAuditTrail(db.dataSource(), new AuditMetrics(registry));
    verifier = new AuditVerifier(db.dataSource());
  }

  @AfterEach
  void dropStore() throws SQLException {
    store.close();
  }

  /** One row a day from {@code T0 + firstDay}, the last one returned. */
  private AuditRow appendDaily(int firstDay, int rows) {
    AuditRow last = null;
    for (int d = firstDay; d < firstDay + rows; d++) {
      last =
          trail.append(
              new AuditEntry(
                  T0.plus(Duration.ofDays(d)),
                  "li.wei",
                  "10.20.0.5",
                  "person.read",
                  "kp-" + d,
                  "ok",
                  "day " + d));
    }
    return last;
  }

  private AuditPruner prunerAt(int day) {
    return new AuditPruner(
        db.dataSource(),
        RETENTION,
        Clock.fixed(T0.plus(Duration.ofDays(day)), ZoneOffset.UTC),
        new AuditMetrics(registry));
  }

  private List<AuditRow> rows() throws SQLException {
    List<AuditRow> rows = new ArrayList<>();
    new AuditRows(db.dataSource()).walk(1, Long.MAX_VALUE, rows::add);
    return rows;
  }

  @Test
  void anUntouchedChainVerifiesWithItsRowCountAndHeadHash() throws SQLException {
    AuditRow last = appendDaily(0, 5);

    AuditVerifier.Result result = verifier.verify();

    assertThat(result.intact()).isTrue();
    assertThat(result.rows()).isEqualTo(5);
    assertThat(result.headSeq()).isEqualTo(5);
    assertThat(result.headHash()).isEqualTo(last.hash());
  }

  @Test
  void anEmptyRecordVerifies() throws SQLException {
    assertThat(verifier.verify().intact()).isTrue();
  }

  @Test
  void editingTheDetailOfOneRowIsNamedAsAContentHashMismatchOfThatRow() throws SQLException {
    appendDaily(0, 5);

    store.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 3");

    AuditBreak broken = verifier.verify().broken();
    assertThat(broken.seq()).isEqualTo(3);
    assertThat(broken.flaw()).isEqualTo(Flaw.CONTENT_HASH_MISMATCH);
    assertThat(broken.describe()).startsWith("row 3: content hash mismatch");
  }

  @Test
  void rewritingARowTogetherWithItsHashBreaksTheLinkOfTheNextRow() throws SQLException {
    appendDaily(0, 5);
    AuditRow third = rows().get(2);
    AuditEntry forged =
        new AuditEntry(
            third.entry().at(), "li.wei", "10.20.0.5", "person.read", "kp-2", "refused", "");
    String forgedHash = AuditHash.of(3, forged, third.prevHash());

    store.execute(
        "UPDATE audit_log SET outcome = 'refused', detail = '', hash = '"
            + forgedHash
            + "' WHERE seq = 3");

    AuditBreak broken = verifier.verify().broken();
    assertThat(broken.seq()).isEqualTo(4);
    assertThat(broken.flaw()).isEqualTo(Flaw.LINK_BROKEN);
  }

  @Test
  void deletingAMiddleRowIsNamedAsAGapAtThatRow() throws SQLException {
    appendDaily(0, 5);

    store.execute("DELETE FROM audit_log WHERE seq = 3");

    AuditBreak broken = verifier.verify().broken();
    assertThat(broken.seq()).isEqualTo(3);
    assertThat(broken.flaw()).isEqualTo(Flaw.GAP);
    assertThat(broken.detail()).contains("row 3 is missing");
  }

  @Test
  void deletingTheOldestRowsWithoutACheckpointIsAGapFromRowOne() throws SQLException {
    appendDaily(0, 5);

    store.execute("DELETE FROM audit_log WHERE seq <= 2");

    AuditBreak broken = verifier.verify().broken();
    assertThat(broken.seq()).isEqualTo(1);
    assertThat(broken.flaw()).isEqualTo(Flaw.GAP);
    assertThat(broken.detail()).contains("no checkpoint");
  }

  @Test
  void deletingTheNewestRowIsCaughtByTheChainHead() throws SQLException {
    appendDaily(0, 5);

    store.execute("DELETE FROM audit_log WHERE seq = 5");

    AuditBreak broken = verifier.verify().broken();
    assertThat(broken.seq()).isEqualTo(5);
    assertThat(broken.flaw()).isEqualTo(Flaw.GAP);
  }

  @Test
  void pruningDeletesRowsOlderThanTheRetentionLeavesACheckpointAndTheChainStillVerifies()
      throws SQLException {
    appendDaily(0, 10);
    AuditRow fifth = rows().get(4);

    AuditPruner.Pruned pruned = prunerAt(35).prune().orElseThrow();

    assertThat(pruned.checkpoint().upToSeq()).isEqualTo(5);
    assertThat(pruned.checkpoint().upToHash()).isEqualTo(fifth.hash());
    assertThat(pruned.checkpoint().rows()).isEqualTo(5);
    assertThat(rows()).extracting(AuditRow::seq).containsExactly(6L, 7L, 8L, 9L, 10L, 11L);
    AuditVerifier.Result result = verifier.verify();
    assertThat(result.intact()).as("%s", result.broken()).isTrue();
    assertThat(result.firstSeq()).isEqualTo(6);
    assertThat(result.checkpointSeq()).isEqualTo(11);
    assertThat(result.headHash()).isEqualTo(pruned.row().hash());
    assertThat(prunerAt(35).prune()).as("nothing more is old enough").isEmpty();
  }

  @Test
  void tamperingAfterAPruneIsStillDetected() throws SQLException {
    appendDaily(0, 10);
    prunerAt(35).prune();

    store.execute("UPDATE audit_log SET detail = 'day 70' WHERE seq = 7");

    AuditBreak broken = verifier.verify().broken();
    assertThat(broken.seq()).isEqualTo(7);
    assertThat(broken.flaw()).isEqualTo(Flaw.CONTENT_HASH_MISMATCH);
  }

  @Test
  void deletingMoreOldRowsAfterAPruneIsNotCoveredByItsCheckpoint() throws SQLException {
    appendDaily(0, 10);
    prunerAt(35).prune();

    store.execute("DELETE FROM audit_log WHERE seq = 6");

    AuditBreak broken = verifier.verify().broken();
    assertThat(broken.seq()).isEqualTo(1);
    assertThat(broken.flaw()).isEqualTo(Flaw.GAP);
  }

  @Test
  void pruningRefusesToDeleteRowsThatWereTamperedWith() throws SQLException {
    appendDaily(0, 10);
    store.execute("UPDATE audit_log SET actor = 'nobody' WHERE seq = 2");

    assertThatThrownBy(() -> prunerAt(35).prune())
        .isInstanceOf(AuditChainBrokenException.class)
        .hasMessageContaining("row 2: content hash mismatch");
    assertThat(rows()).hasSize(10);
  }

  @Test
  void aSecondPruneTakesTheFirstCheckpointWithItAndTheChainStillVerifies() throws SQLException {
    appendDaily(0, 10);
    prunerAt(35).prune();
    appendDaily(40, 3);

    AuditPruner.Pruned second = prunerAt(100).prune().orElseThrow();

    assertThat(second.checkpoint().upToSeq()).isEqualTo(14);
    assertThat(rows()).extracting(AuditRow::seq).containsExactly(15L);
    AuditVerifier.Result result = verifier.verify();
    assertThat(result.intact()).as("%s", result.broken()).isTrue();
    assertThat(result.rows()).isEqualTo(1);
    assertThat(result.checkpointSeq()).isEqualTo(15);
    assertThat(
            registry
                .get(AuditMetrics.RECORDS)
                .tag("action", AuditCheckpoint.ACTION)
                .tag("outcome", "ok")
                .counter()
                .count())
        .isEqualTo(2.0);
  }
}
