package org.sharpeyes.edge.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.testing.Jpegs;
import org.sharpeyes.schema.codec.DecodeResult;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.event.VehicleSighted;

class MemoryOutboxTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:15:30Z"), ZoneOffset.UTC);
  static final int SNAPSHOT = 100_000;

  final EventCodec codec = new EventCodec();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  int nextId;

  @Test
  void theSinkNumbersEventsFromOneUpwardsAndEncodesThemWithTheirNumber() {
    MemoryOutbox outbox = new MemoryOutbox(10, 1_000_000, codec, CLOCK, meters);

    List<SinkResult> results = List.of(outbox.offer(event(), null), outbox.offer(event(), null));

    assertThat(results).containsExactly(new SinkResult.Accepted(1), new SinkResult.Accepted(2));
    OutboxEntry first = outbox.takeNext().orElseThrow();
    assertThat(first.seq()).isEqualTo(1);
    DecodeResult decoded = codec.decode(first.eventJson());
    assertThat(decoded).isInstanceOf(DecodeResult.Decoded.class);
    assertThat(((DecodeResult.Decoded) decoded).event().seq()).isEqualTo(1);
  }

  @Test
  void whenTheEventBoundIsReachedTheOldestWaitingEventIsDroppedAndCounted() {
    MemoryOutbox outbox = new MemoryOutbox(3, 1_000_000, codec, CLOCK, meters);

    for (int i = 0; i < 5; i++) {
      outbox.offer(event(), null);
    }

    assertThat(seqsInOrder(outbox)).containsExactly(3L, 4L, 5L);
    assertThat(outbox.status().droppedEvents()).isEqualTo(2);
    assertThat(dropped("event")).isEqualTo(2.0);
  }

  @Test
  void whenTheByteBoundIsReachedSnapshotsGoFirstOldestFirst() {
    MemoryOutbox outbox = new MemoryOutbox(100, 3 * SNAPSHOT + 10_000, codec, CLOCK, meters);

    for (int i = 0; i < 5; i++) {
      outbox.offer(event(), Jpegs.ofSize(SNAPSHOT));
    }

    List<OutboxEntry> entries = drain(outbox);
    assertThat(entries).extracting(OutboxEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(entries)
        .extracting(OutboxEntry::hasSnapshot)
        .containsExactly(false, false, true, true, true);
    assertThat(outbox.status().droppedSnapshots()).isEqualTo(2);
    assertThat(outbox.status().droppedEvents()).isZero();
    assertThat(dropped("snapshot")).isEqualTo(2.0);
  }

  @Test
  void whenNoSnapshotIsLeftToDropTheOldestEventsGo() {
    int oneEvent = codec.encode(event().withSeq(1)).length;
    MemoryOutbox outbox = new MemoryOutbox(100, oneEvent * 5L / 2, codec, CLOCK, meters);

    for (int i = 0; i < 4; i++) {
      outbox.offer(event(), null);
    }

    assertThat(seqsInOrder(outbox)).containsExactly(3L, 4L);
    assertThat(outbox.status().droppedEvents()).isEqualTo(2);
    assertThat(dropped("event")).isEqualTo(2.0);
  }

  @Test
  void aNewEventsOwnSnapshotGoesBeforeAnyOlderEvent() {
    int oneEvent = codec.encode(event().withSeq(1)).length;
    MemoryOutbox outbox = new MemoryOutbox(100, SNAPSHOT + oneEvent * 5L / 2, codec, CLOCK, meters);
    outbox.offer(event(), null);
    outbox.offer(event(), null);

    outbox.offer(event(), Jpegs.ofSize(SNAPSHOT));

    List<OutboxEntry> entries = drain(outbox);
    assertThat(entries).extracting(OutboxEntry::seq).containsExactly(1L, 2L, 3L);
    assertThat(entries.get(2).hasSnapshot()).isFalse();
    assertThat(outbox.status().droppedEvents()).isZero();
    assertThat(dropped("snapshot")).isEqualTo(1.0);
  }

  @Test
  void aSnapshotLargerThanTheWholeBoundIsDroppedButItsEventKept() {
    MemoryOutbox outbox = new MemoryOutbox(100, 50_000, codec, CLOCK, meters);

    SinkResult result = outbox.offer(event(), Jpegs.ofSize(SNAPSHOT));

    assertThat(result).isEqualTo(new SinkResult.Accepted(1));
    assertThat(outbox.takeNext().orElseThrow().hasSnapshot()).isFalse();
    assertThat(dropped("snapshot")).isEqualTo(1.0);
  }

  @Test
  void eventsInFlightAreNeverDroppedSoAFullWindowRefusesNewOnes() {
    MemoryOutbox outbox = new MemoryOutbox(2, 1_000_000, codec, CLOCK, meters);
    outbox.offer(event(), null);
    outbox.offer(event(), null);
    outbox.takeNext();
    outbox.takeNext();

    SinkResult third = outbox.offer(event(), null);

    assertThat(third).isInstanceOf(SinkResult.Refused.class);
    assertThat(((SinkResult.Refused) third).reason()).contains("in flight");
    assertThat(outbox.status().refused()).isEqualTo(1);
    outbox.acknowledge(1);
    assertThat(outbox.offer(event(), null)).isEqualTo(new SinkResult.Accepted(3));
  }

  @Test
  void releasedEventsAreSentAgainBeforeLaterOnesInTheirOriginalOrder() {
    MemoryOutbox outbox = new MemoryOutbox(10, 1_000_000, codec, CLOCK, meters);
    for (int i = 0; i < 4; i++) {
      outbox.offer(event(), null);
    }
    outbox.takeNext();
    outbox.takeNext();
    outbox.takeNext();

    outbox.release(2);
    outbox.releaseAll();

    assertThat(seqsInOrder(outbox)).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void acknowledgedEventsLeaveTheQueueAndFreeTheirBytes() {
    MemoryOutbox outbox = new MemoryOutbox(10, 1_000_000, codec, CLOCK, meters);
    outbox.offer(event(), Jpegs.ofSize(1000));
    outbox.takeNext();

    outbox.acknowledge(1);

    assertThat(outbox.status().depth()).isZero();
    assertThat(outbox.status().bytes()).isZero();
    assertThat(meters.get("sharpeyes.edge.queue.depth").gauge().value()).isZero();
  }

  @Test
  void aClosedSinkRefusesWithAReason() {
    MemoryOutbox outbox = new MemoryOutbox(10, 1_000_000, codec, CLOCK, meters);
    outbox.close();

    assertThat(outbox.offer(event(), null))
        .isEqualTo(new SinkResult.Refused("the agent is stopping"));
  }

  private EdgeEvent event() {
    nextId++;
    String id = String.format("0190a1b2-c3d4-7e5f-8a6b-%012d", nextId);
    VehicleSighted data =
        new VehicleSighted(
            "湘JA1234",
            "湘J·A1234",
            null,
            null,
            null,
            null,
            null,
            null,
            0.9,
            new SnapshotRef(SnapshotRef.JPEG, SNAPSHOT));
    return new EdgeEvent(id, "edge-test-01", "43070200001140000001", 0, CLOCK.instant(), data);
  }

  private static List<Long> seqsInOrder(MemoryOutbox outbox) {
    return drain(outbox).stream().map(OutboxEntry::seq).toList();
  }

  private static List<OutboxEntry> drain(MemoryOutbox outbox) {
    List<OutboxEntry> entries = new ArrayList<>();
    for (Optional<OutboxEntry> e = outbox.takeNext(); e.isPresent(); e = outbox.takeNext()) {
      entries.add(e.get());
    }
    return entries;
  }

  private double dropped(String kind) {
    return meters.get("sharpeyes.edge.queue.dropped").tag("kind", kind).counter().count();
  }
}
