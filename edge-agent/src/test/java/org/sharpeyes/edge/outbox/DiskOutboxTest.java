package org.sharpeyes.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.sharpeyes.edge.outbox.OutboxFixture.accepted;
import static org.sharpeyes.edge.outbox.OutboxFixture.offer;
import static org.sharpeyes.edge.outbox.OutboxFixture.seqs;
import static org.sharpeyes.edge.outbox.OutboxFixture.takeAll;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.testing.Jpegs;
import org.sharpeyes.schema.codec.DecodeResult;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.testing.MutableClock;

class DiskOutboxTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T02:15:30Z"));
  @TempDir Path dir;
  OutboxFixture fixture;

  OutboxFixture fixture() {
    if (fixture == null) {
      fixture = new OutboxFixture(dir, clock);
    }
    return fixture;
  }

  @AfterEach
  void closeAll() throws InterruptedException {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void acceptedEventsKeepTheirOrderAndSeqWhenTheFileIsOpenedAgain() throws Exception {
    OutboxConfig config = fixture().config();
    DiskOutbox outbox = fixture().open(config);
    List<EdgeEvent> offered = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      EdgeEvent e = fixture().event(i == 2);
      offered.add(e);
      seqs.add(accepted(outbox, e, i == 2 ? Jpegs.ofSize(2000) : null));
    }
    outbox.close();

    DiskOutbox reopened = fixture().open(config);
    List<OutboxEntry> entries = takeAll(reopened);

    assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(seqs(entries)).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(entries)
        .extracting(OutboxEntry::eventId)
        .containsExactlyElementsOf(offered.stream().map(EdgeEvent::id).toList());
    EdgeEvent third =
        ((DecodeResult.Decoded) fixture().codec.decode(entries.get(2).eventJson())).event();
    assertThat(third.seq()).isEqualTo(3);
    assertThat(third.id()).isEqualTo(offered.get(2).id());
    assertThat(entries.get(2).snapshotJpeg()).isEqualTo(Jpegs.ofSize(2000));
    assertThat(entries.get(1).hasSnapshot()).isFalse();
    assertThat(entries.get(0).receivedAt()).isEqualTo(clock.instant());
    assertThat(accepted(reopened, fixture().event(), null)).isEqualTo(6);
  }

  @Test
  void aFullBatchIsWrittenAtOnceWithoutWaitingForItsDelay() throws Exception {
    DiskOutbox outbox =
        fixture().open(fixture().config().withSync(new SyncPolicy(3, Duration.ofSeconds(1))));

    CompletableFuture<SinkResult> first =
        outbox.offer(fixture().event(), null).toCompletableFuture();
    CompletableFuture<SinkResult> second =
        outbox.offer(fixture().event(), null).toCompletableFuture();
    boolean answeredBeforeTheBatchWasFull = first.isDone() || second.isDone();
    CompletableFuture<SinkResult> third =
        outbox.offer(fixture().event(), null).toCompletableFuture();

    assertThat(answeredBeforeTheBatchWasFull).isFalse();
    await()
        .atMost(Duration.ofMillis(800))
        .until(() -> first.isDone() && second.isDone() && third.isDone());
    assertThat(List.of(first.get(), second.get(), third.get()))
        .containsExactly(
            new SinkResult.Accepted(1), new SinkResult.Accepted(2), new SinkResult.Accepted(3));
  }

  @Test
  void aRowLeavesTheFileOnlyWhenTheBrokerAcknowledgesIt() throws Exception {
    OutboxConfig config = fixture().config();
    DiskOutbox outbox = fixture().open(config);
    for (int i = 0; i < 4; i++) {
      accepted(outbox, fixture().event(), null);
    }
    assertThat(seqs(takeAll(outbox))).containsExactly(1L, 2L, 3L, 4L);

    outbox.acknowledge(1);
    outbox.acknowledge(3);
    outbox.releaseAll();

    assertThat(seqs(takeAll(outbox)))
        .as("sent again after a lost connection")
        .containsExactly(2L, 4L);
    await().until(() -> outbox.status().depth() == 2);
    outbox.close();
    assertThat(seqs(takeAll(fixture().open(config)))).containsExactly(2L, 4L);
  }

  @Test
  void afterARestartThePublisherResumesAtTheOldestUnacknowledgedRowAndCountsTheResend()
      throws Exception {
    OutboxConfig config = fixture().config();
    DiskOutbox outbox = fixture().open(config);
    for (int i = 0; i < 3; i++) {
      accepted(outbox, fixture().event(), null);
    }
    assertThat(outbox.takeNext()).get().extracting(OutboxEntry::seq).isEqualTo(1L);
    assertThat(outbox.takeNext()).get().extracting(OutboxEntry::seq).isEqualTo(2L);
    outbox.acknowledge(1);
    outbox.close();

    DiskOutbox reopened = fixture().open(config);

    assertThat(seqs(takeAll(reopened))).containsExactly(2L, 3L);
    assertThat(reopened.status().redelivered()).as("seq 2 was sent before the stop").isEqualTo(1);
    assertThat(fixture().meters().get("sharpeyes.edge.outbox.redelivered").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aReleasedEntryIsSentAgainBeforeTheOnesAfterIt() throws Exception {
    DiskOutbox outbox = fixture().open(fixture().config());
    for (int i = 0; i < 4; i++) {
      accepted(outbox, fixture().event(), null);
    }
    takeAll(outbox);

    outbox.release(2);
    accepted(outbox, fixture().event(), null);

    assertThat(seqs(takeAll(outbox))).containsExactly(2L, 5L);
  }

  @Test
  void sequenceNumbersAreNeverReusedEvenWhenEveryEventWasAcknowledged() throws Exception {
    OutboxConfig config = fixture().config();
    DiskOutbox outbox = fixture().open(config);
    accepted(outbox, fixture().event(), null);
    accepted(outbox, fixture().event(), null);
    takeAll(outbox).forEach(e -> outbox.acknowledge(e.seq()));
    await().until(() -> outbox.status().depth() == 0);
    outbox.close();

    DiskOutbox reopened = fixture().open(config);

    assertThat(reopened.status().lastSeq()).isEqualTo(2);
    assertThat(accepted(reopened, fixture().event(), null)).isEqualTo(3);
  }

  @Test
  void aFileInUseByAnotherAgentIsRefused() {
    fixture().open(fixture().config());

    assertThatThrownBy(() -> fixture().open(fixture().config()))
        .isInstanceOf(OutboxOpenException.class)
        .hasMessageContaining("is in use by another edge-agent")
        .hasMessageContaining("give this one its own outbox.path");
  }

  @Test
  void aFileOfAnotherEdgeThatStillHoldsEventsIsRefusedNamingItsOwner() throws Exception {
    DiskOutbox outbox = fixture().open(fixture().config(), "edge-a");
    accepted(outbox, fixture().event(), null);
    outbox.close();

    assertThatThrownBy(() -> fixture().open(fixture().config(), "edge-b"))
        .isInstanceOf(OutboxOpenException.class)
        .hasMessageContaining("holds 1 unsent events of edge edge-a, not of edge-b");
  }

  @Test
  void anEmptyFileOfAnotherEdgeIsTakenOverAndNumberingStartsAtOne() throws Exception {
    DiskOutbox outbox = fixture().open(fixture().config(), "edge-a");
    accepted(outbox, fixture().event(), null);
    takeAll(outbox).forEach(e -> outbox.acknowledge(e.seq()));
    await().until(() -> outbox.status().depth() == 0);
    outbox.close();

    DiskOutbox taken = fixture().open(fixture().config(), "edge-b");

    assertThat(accepted(taken, fixture().event(), null)).isEqualTo(1);
  }

  @Test
  void offersAfterTheAgentBeganStoppingAreRefusedAndCounted() throws Exception {
    DiskOutbox outbox = fixture().open(fixture().config());

    outbox.refuseOffers();

    assertThat(offer(outbox, fixture().event(), null))
        .isEqualTo(new SinkResult.Refused("the agent is stopping"));
    assertThat(
            fixture()
                .meters()
                .get("sharpeyes.edge.outbox.refused")
                .tag("reason", "stopping")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void theGaugesShowDepthBytesAndTheAgeOfTheOldestEvent() throws Exception {
    DiskOutbox outbox = fixture().open(fixture().config());
    accepted(outbox, fixture().event(), Jpegs.ofSize(3000));
    accepted(outbox, fixture().event(), null);

    clock.advance(Duration.ofSeconds(90));

    assertThat(gauge("sharpeyes.edge.outbox.depth")).isEqualTo(2);
    assertThat(gauge("sharpeyes.edge.outbox.bytes")).isGreaterThan(3000);
    assertThat(gauge("sharpeyes.edge.outbox.oldest.age")).isEqualTo(90);
    takeAll(outbox);
    assertThat(gauge("sharpeyes.edge.outbox.in.flight")).isEqualTo(2);
    outbox.acknowledge(1);
    outbox.acknowledge(2);
    await().until(() -> gauge("sharpeyes.edge.outbox.oldest.age") == 0);
    assertThat(gauge("sharpeyes.edge.outbox.depth")).isZero();
    assertThat(gauge("sharpeyes.edge.outbox.bytes")).isZero();
    assertThat(gauge("sharpeyes.edge.outbox.in.flight")).isZero();
  }

  private double gauge(String name) {
    return fixture().meters().get(name).gauge().value();
  }
}
