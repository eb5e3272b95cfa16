package org.sharpeyes.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * What the store must do on every supported database. Subclasses provide a freshly migrated
 * database through {@link #database()}.
 */
abstract class StoreContract {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

  abstract Database database();

  static EventRow row(String id, String plate) {
    return new EventRow(
        id,
        "vehicle.sighted",
        "edge-1",
        "43070200001320000101",
        7,
        T0,
        T0.plusMillis(250),
        plate,
        "{\"id\":\"" + id + "\"}");
  }

  @Test
  void storedEventIsFoundAndItsSecondCopyIsADuplicate() throws Exception {
    EventStore events = new EventStore(database().dataSource());

    assertThat(events.insert(row("e-1", "湘J12345"))).isTrue();
    assertThat(events.insert(row("e-1", "湘J12345"))).isFalse();

    assertThat(events.countById("e-1")).isEqualTo(1);
  }

  @Test
  void batchStoresNewEventsOnceAndReportsRepeatsAsDuplicates() throws Exception {
    var ds = database().dataSource();
    EventStore events = new EventStore(ds);
    events.insert(row("old", null));
    BatchWriter writer = new BatchWriter(ds, events, new DeadLetterStore(ds));
    BatchWriter.Batch batch =
        new BatchWriter.Batch(
            List.of(row("a", null), row("old", null), row("b", null), row("a", null)), List.of());

    writer.write(batch);

    assertThat(List.of(batch.outcome(0), batch.outcome(1), batch.outcome(2), batch.outcome(3)))
        .containsExactly(
            BatchWriter.Outcome.INSERTED,
            BatchWriter.Outcome.DUPLICATE,
            BatchWriter.Outcome.INSERTED,
            BatchWriter.Outcome.DUPLICATE);
    assertThat(events.count()).isEqualTo(3);
  }

  @Test
  void insertOfNewEventsReportsExactlyTheIdsItInsertedAcrossStatementBounds() throws Exception {
    var ds = database().dataSource();
    EventStore events = new EventStore(ds);
    events.insert(row("e-5", null));
    events.insert(row("e-1100", null));
    List<EventRow> rows = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      rows.add(row("e-" + i, null));
    }

    Set<String> inserted;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      inserted = events.insertNew(c, rows);
      c.commit();
    }

    assertThat(inserted).hasSize(1_198).doesNotContain("e-5", "e-1100").contains("e-0", "e-1199");
    assertThat(events.count()).isEqualTo(1_200);
  }

  @Test
  void letterForAnEventAlreadyStoredIsADuplicateAndForAnyOtherIsWritten() throws Exception {
    var ds = database().dataSource();
    EventStore events = new EventStore(ds);
    DeadLetterStore letters = new DeadLetterStore(ds);
    events.insert(row("stored", null));
    BatchWriter writer = new BatchWriter(ds, events, letters);
    BatchWriter.Batch batch =
        new BatchWriter.Batch(
            List.of(row("fresh", null)),
            List.of(),
            List.of(
                new BatchWriter.LetterUnlessStored("stored", tooOld("stored")),
                new BatchWriter.LetterUnlessStored("other", tooOld("other")),
                new BatchWriter.LetterUnlessStored("fresh", tooOld("fresh"))));

    writer.write(batch);

    assertThat(batch.outcome(0)).isEqualTo(BatchWriter.Outcome.INSERTED);
    assertThat(
            List.of(
                batch.unlessStoredOutcome(0),
                batch.unlessStoredOutcome(1),
                batch.unlessStoredOutcome(2)))
        .containsExactly(
            BatchWriter.Outcome.DUPLICATE,
            BatchWriter.Outcome.DEAD_LETTERED,
            BatchWriter.Outcome.DUPLICATE);
    assertThat(letters.countByReason("too-old")).isEqualTo(1);
    assertThat(letters.latest(10)).extracting(DeadLetter::topic).containsExactly("t/other");
  }

  @Test
  void lettersUnlessStoredAreDecidedTheSameWhenABadRowForcesRowByRowWrites() throws Exception {
    var ds = database().dataSource();
    EventStore events = new EventStore(ds);
    DeadLetterStore letters = new DeadLetterStore(ds);
    events.insert(row("stored", null));
    BatchWriter.Batch batch =
        new BatchWriter.Batch(
            List.of(row("bad", "X".repeat(40))),
            List.of(),
            List.of(
                new BatchWriter.LetterUnlessStored("stored", tooOld("stored")),
                new BatchWriter.LetterUnlessStored("other", tooOld("other"))));

    new BatchWriter(ds, events, letters).write(batch);

    assertThat(batch.outcome(0)).isEqualTo(BatchWriter.Outcome.REFUSED);
    assertThat(batch.unlessStoredOutcome(0)).isEqualTo(BatchWriter.Outcome.DUPLICATE);
    assertThat(batch.unlessStoredOutcome(1)).isEqualTo(BatchWriter.Outcome.DEAD_LETTERED);
    assertThat(letters.countByReason("too-old")).isEqualTo(1);
  }

  private static DeadLetter tooOld(String id) {
    return DeadLetter.of(T0, "t/" + id, "too-old", "old", new byte[] {'{', '}'}, 1024);
  }

  @Test
  void rowTheDatabaseRefusesCostsOnlyItself() throws Exception {
    var ds = database().dataSource();
    EventStore events = new EventStore(ds);
    BatchWriter writer = new BatchWriter(ds, events, new DeadLetterStore(ds));
    EventRow tooLongPlate = row("c", "X".repeat(40));
    BatchWriter.Batch batch =
        new BatchWriter.Batch(List.of(row("a", null), tooLongPlate, row("b", null)), List.of());

    writer.write(batch);

    assertThat(batch.outcome(0)).isEqualTo(BatchWriter.Outcome.INSERTED);
    assertThat(batch.outcome(1)).isEqualTo(BatchWriter.Outcome.REFUSED);
    assertThat(batch.refusal(1)).contains("SQLState 22");
    assertThat(batch.outcome(2)).isEqualTo(BatchWriter.Outcome.INSERTED);
    assertThat(events.count()).isEqualTo(2);
  }

  @Test
  void deadLetterKeepsBinaryPayloadReasonAndOriginalSize() throws Exception {
    DeadLetterStore letters = new DeadLetterStore(database().dataSource());
    byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, 0, 1, 2};
    letters.insert(DeadLetter.of(T0, "t/1", "not-utf8", "bad byte", notUtf8, 1024));
    byte[] big = "x".repeat(2000).getBytes(StandardCharsets.UTF_8);
    letters.insert(DeadLetter.of(T0, "t/2", "oversize", "too big\0with nul", big, 512));

    List<DeadLetter> latest = letters.latest(10);

    assertThat(latest).extracting(DeadLetter::reason).containsExactly("oversize", "not-utf8");
    DeadLetter oversize = latest.get(0);
    assertThat(oversize.payload()).hasSize(512);
    assertThat(oversize.payloadSize()).isEqualTo(2000);
    assertThat(oversize.truncated()).isTrue();
    assertThat(oversize.detail()).isEqualTo("too big\\u0000with nul");
    DeadLetter binary = latest.get(1);
    assertThat(binary.payload()).isEqualTo(notUtf8);
    assertThat(binary.receivedAt()).isEqualTo(T0);
    assertThat(binary.topic()).isEqualTo("t/1");
    assertThat(letters.countByReason("not-utf8")).isEqualTo(1);
    assertThat(letters.latest(1)).hasSize(1);
  }

  @Test
  void eventTimesKeepMicrosecondsAndZone() throws Exception {
    var ds = database().dataSource();
    new EventStore(ds).insert(row("t", null));
    try (var c = ds.getConnection();
        var rs =
            c.createStatement()
                .executeQuery("SELECT event_time, received_at, type FROM events WHERE id = 't'")) {
      rs.next();
      assertThat(rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).isEqualTo(T0);
      assertThat(rs.getObject(2, java.time.OffsetDateTime.class).toInstant())
          .isEqualTo(T0.plusMillis(250));
      assertThat(rs.getString(3)).isEqualTo("vehicle.sighted");
    }
  }

  /**
   * A companion that writes one dead letter with reason {@code companion} per new event (topic =
   * event id), standing in for the alerts an event raises.
   */
  private static final class LetterPerEvent implements BatchWriter.Companion {
    final List<EventRow> rows;
    final List<List<Integer>> calls = new ArrayList<>();
    final Map<Integer, Exception> abandoned = new ConcurrentHashMap<>();
    final List<String> announced = new ArrayList<>();
    boolean databaseDown;
    String refusedFor = "";

    LetterPerEvent(List<EventRow> rows) {
      this.rows = rows;
    }

    @Override
    public Runnable write(Connection c, List<Integer> fresh) throws SQLException {
      calls.add(fresh);
      if (databaseDown) {
        throw new SQLException("connection reset", "08006");
      }
      for (int i : fresh) {
        String id = rows.get(i).id();
        try (var ps =
            c.prepareStatement(
                "INSERT INTO dead_letters (received_at, topic, reason, detail, payload_size)"
                    + " VALUES (CURRENT_TIMESTAMP, ?, ?, 'companion row', 0)")) {
          ps.setString(1, id);
          // The reason column holds 40 characters: a longer one is refused for good.
          ps.setString(2, id.equals(refusedFor) ? "x".repeat(41) : "companion");
          ps.executeUpdate();
        }
      }
      return () -> fresh.forEach(i -> announced.add(rows.get(i).id()));
    }

    @Override
    public void abandoned(int index, Exception cause) {
      abandoned.put(index, cause);
    }
  }

  @Test
  void companionRowsAreWrittenOnlyForNewEventsInTheirTransaction() throws Exception {
    var ds = database().dataSource();
    EventStore events = new EventStore(ds);
    DeadLetterStore letters = new DeadLetterStore(ds);
    events.insert(row("old", null));
    List<EventRow> rows = List.of(row("a", null), row("old", null), row("b", null));
    LetterPerEvent companion = new LetterPerEvent(rows);
    BatchWriter.Batch batch = new BatchWriter.Batch(rows, List.of(), List.of(), companion);

    new BatchWriter(ds, events, letters).write(batch);

    assertThat(companion.calls).containsExactly(List.of(0, 2));
    assertThat(letters.latest(10))
        .extracting(DeadLetter::topic)
        .containsExactlyInAnyOrder("a", "b");
    batch.committed().forEach(Runnable::run);
    assertThat(companion.announced).containsExactly("a", "b");
  }

  @Test
  void eventsAreNotStoredWhileTheirCompanionRowsCannotBeAndBothAreOnceTheyCan() throws Exception {
    var ds = database().dataSource();
    EventStore events = new EventStore(ds);
    DeadLetterStore letters = new DeadLetterStore(ds);
    List<EventRow> rows = List.of(row("a", null), row("b", null));
    LetterPerEvent companion = new LetterPerEvent(rows);
    companion.databaseDown = true;
    BatchWriter writer = new BatchWriter(ds, events, letters);
    BatchWriter.Batch batch = new BatchWriter.Batch(rows, List.of(), List.of(), companion);

    assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(SQLException.class);

    assertThat(events.count()).isZero();
    assertThat(letters.countByReason("companion")).isZero();
    assertThat(batch.committed()).isEmpty();

    companion.databaseDown = false;
    writer.write(batch);

    assertThat(batch.complete()).isTrue();
    assertThat(events.count()).isEqualTo(2);
    assertThat(letters.countByReason("companion")).isEqualTo(2);
  }

  @Test
  void companionRowTheDatabaseRefusesCostsOnlyItselfAndItsEventIsStillStored() throws Exception {
    var ds = database().dataSource();
    EventStore events = new EventStore(ds);
    DeadLetterStore letters = new DeadLetterStore(ds);
    List<EventRow> rows = List.of(row("a", null), row("b", null), row("c", null));
    LetterPerEvent companion = new LetterPerEvent(rows);
    companion.refusedFor = "b";
    BatchWriter.Batch batch = new BatchWriter.Batch(rows, List.of(), List.of(), companion);

    new BatchWriter(ds, events, letters).write(batch);

    assertThat(events.count()).isEqualTo(3);
    assertThat(letters.latest(10))
        .extracting(DeadLetter::topic)
        .containsExactlyInAnyOrder("a", "c");
    assertThat(companion.abandoned).containsOnlyKeys(1);
    batch.committed().forEach(Runnable::run);
    assertThat(companion.announced).containsExactly("a", "c");
  }
}
