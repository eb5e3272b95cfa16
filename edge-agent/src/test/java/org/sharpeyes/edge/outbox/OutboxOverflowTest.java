package org.sharpeyes.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.edge.outbox.OutboxFixture.accepted;
import static org.sharpeyes.edge.outbox.OutboxFixture.seqs;
import static org.sharpeyes.edge.outbox.OutboxFixture.takeAll;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.testing.Jpegs;
import org.sharpeyes.schema.testing.MutableClock;

class OutboxOverflowTest {

  static final int MIB = 1024 * 1024;
  static final int SNAPSHOT = 300_000;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T02:15:30Z"));
  OutboxFixture fixture;

  @BeforeEach
  void fixture(@TempDir Path dir) {
    fixture = new OutboxFixture(dir, clock);
  }

  @AfterEach
  void close() throws InterruptedException {
    fixture.close();
  }

  @Test
  void whenBytesRunShortStoredSnapshotsAreDroppedOldestFirstAndNoEventIsLost() throws Exception {
    DiskOutbox outbox = fixture.open(fixture.config().withBounds(1000, MIB));

    for (int i = 0; i < 5; i++) {
      accepted(outbox, fixture.event(true), Jpegs.ofSize(SNAPSHOT));
    }

    List<OutboxEntry> entries = takeAll(outbox);
    assertThat(seqs(entries)).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(entries.stream().filter(OutboxEntry::hasSnapshot).map(OutboxEntry::seq))
        .containsExactly(3L, 4L, 5L);
    assertThat(dropped("snapshot")).isEqualTo(2.0);
    assertThat(dropped("event")).isZero();
    assertThat(outbox.status().droppedSnapshots()).isEqualTo(2);
    assertThat(outbox.status().bytes()).isLessThanOrEqualTo(MIB);
  }

  @Test
  void aSnapshotLargerThanTheWholeOutboxIsDroppedAndItsEventKept() throws Exception {
    DiskOutbox outbox = fixture.open(fixture.config().withBounds(1000, MIB));
    accepted(outbox, fixture.event(true), Jpegs.ofSize(SNAPSHOT));

    accepted(outbox, fixture.event(true), Jpegs.ofSize(MIB + 1));

    List<OutboxEntry> entries = takeAll(outbox);
    assertThat(seqs(entries)).containsExactly(1L, 2L);
    assertThat(entries.get(0).hasSnapshot()).as("the older snapshot stays").isTrue();
    assertThat(entries.get(1).hasSnapshot()).isFalse();
    assertThat(dropped("snapshot")).isEqualTo(1.0);
  }

  @Test
  void whenTheEventBoundIsReachedTheOldestEventsGoWithTheirSnapshotsAndSeqLeavesAGap()
      throws Exception {
    DiskOutbox outbox = fixture.open(fixture.config().withBounds(3, MIB));
    accepted(outbox, fixture.event(true), Jpegs.ofSize(1000));

    for (int i = 0; i < 4; i++) {
      accepted(outbox, fixture.event(), null);
    }

    assertThat(seqs(takeAll(outbox))).containsExactly(3L, 4L, 5L);
    assertThat(dropped("event")).isEqualTo(2.0);
    assertThat(dropped("snapshot")).as("event 1's snapshot went with it").isEqualTo(1.0);
    assertThat(outbox.status().depth()).isEqualTo(3);
    assertThat(accepted(outbox, fixture.event(), null)).as("numbers are not reused").isEqualTo(6);
  }

  @Test
  void inFlightEventsCanBeDroppedTooAndTheirLateAcknowledgementIsHarmless() throws Exception {
    DiskOutbox outbox = fixture.open(fixture.config().withBounds(2, MIB));
    accepted(outbox, fixture.event(), null);
    accepted(outbox, fixture.event(), null);
    assertThat(seqs(takeAll(outbox))).containsExactly(1L, 2L);

    accepted(outbox, fixture.event(), null);
    outbox.acknowledge(1);
    outbox.releaseAll();

    assertThat(seqs(takeAll(outbox))).containsExactly(2L, 3L);
    assertThat(dropped("event")).isEqualTo(1.0);
  }

  @Test
  void anAcknowledgedEventWaitingToBeDeletedIsNotCountedAsDropped() throws Exception {
    DiskOutbox outbox =
        fixture.open(
            fixture
                .config()
                .withBounds(2, MIB)
                .withSync(new SyncPolicy(1, java.time.Duration.ZERO)));
    accepted(outbox, fixture.event(), null);
    accepted(outbox, fixture.event(), null);
    takeAll(outbox).forEach(e -> outbox.acknowledge(e.seq()));

    accepted(outbox, fixture.event(), null);
    accepted(outbox, fixture.event(), null);

    assertThat(seqs(takeAll(outbox))).containsExactly(3L, 4L);
    assertThat(dropped("event")).isZero();
  }

  private double dropped(String kind) {
    return fixture
        .meters()
        .get("sharpeyes.edge.outbox.dropped")
        .tag("kind", kind)
        .counter()
        .count();
  }
}
