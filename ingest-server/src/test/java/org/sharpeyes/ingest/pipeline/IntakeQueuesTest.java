package org.sharpeyes.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.topic.Topics;

class IntakeQueuesTest {

  private static InboundMessage on(String topic) {
    return new InboundMessage(topic, new byte[0], 1, 1, 1, Instant.EPOCH);
  }

  @Test
  void anEdgesEventsSnapshotsAndStatusGoToOnePartition() {
    IntakeQueues queues = new IntakeQueues(4, 400);
    String edge = "edge-wuling-07";

    int events = queues.partitionOf(Topics.events(edge, EventType.VEHICLE_SIGHTED));

    assertThat(queues.partitionOf(Topics.events(edge, EventType.FACE_MATCHED))).isEqualTo(events);
    assertThat(queues.partitionOf(Topics.snapshot(edge, "evt-1"))).isEqualTo(events);
    assertThat(queues.partitionOf(Topics.status(edge))).isEqualTo(events);
  }

  @Test
  void manyEdgesAreSpreadOverEveryPartition() {
    IntakeQueues queues = new IntakeQueues(4, 400);
    Set<Integer> used = new HashSet<>();

    for (int i = 0; i < 40; i++) {
      used.add(queues.partitionOf(Topics.status("edge-" + i)));
    }

    assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  @Test
  void theCapacityIsSharedOutAndAFullPartitionRefusesWhileOthersStillTakeMessages()
      throws Exception {
    IntakeQueues queues = new IntakeQueues(2, 4);
    String first = null;
    String other = null;
    for (int i = 0; other == null; i++) {
      String topic = Topics.status("edge-" + i);
      if (first == null) {
        first = topic;
      } else if (queues.partitionOf(topic) != queues.partitionOf(first)) {
        other = topic;
      }
    }

    assertThat(queues.offer(on(first), 0, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queues.offer(on(first), 0, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queues.offer(on(first), 0, TimeUnit.MILLISECONDS)).isFalse();

    assertThat(queues.anyFull()).isTrue();
    assertThat(queues.offer(on(other), 0, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queues.size()).isEqualTo(3);
    assertThat(queues.capacity()).isEqualTo(4);
  }

  @Test
  void messagesOfOneEdgeLeaveTheirPartitionInTheOrderTheyCame() throws Exception {
    IntakeQueues queues = new IntakeQueues(3, 30);
    String topic = Topics.events("edge-a", EventType.VEHICLE_SIGHTED);
    for (int id = 1; id <= 5; id++) {
      queues.offer(
          new InboundMessage(topic, new byte[0], id, 1, 1, Instant.EPOCH), 0, TimeUnit.SECONDS);
    }

    var partition = queues.partition(queues.partitionOf(topic));

    for (int id = 1; id <= 5; id++) {
      assertThat(partition.poll().messageId()).isEqualTo(id);
    }
  }

  @Test
  void noPartitionsIsAMistake() {
    assertThatThrownBy(() -> new IntakeQueues(0, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
