package org.sharpeyes.edge.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.outbox.DiskOutbox;
import org.sharpeyes.edge.outbox.Outbox;
import org.sharpeyes.edge.outbox.OutboxConfig;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.edge.testing.Jpegs;
import org.sharpeyes.edge.testing.Mosquitto;
import org.sharpeyes.edge.testing.MqttRecorder;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.codec.DecodeResult;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.topic.Topics;

class MqttEventPublisherTest {

  final EventCodec codec = new EventCodec();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  final ExecutorService outboxWriter = Executors.newSingleThreadExecutor();
  final List<DiskOutbox> outboxes = new ArrayList<>();
  final EventIds ids = EventIds.system();
  final String edgeId = Mosquitto.uniqueEdgeId();
  @TempDir Path dir;

  @AfterEach
  void stopExecutors() throws InterruptedException {
    outboxes.forEach(DiskOutbox::close);
    executor.shutdownNow();
    outboxWriter.shutdownNow();
    outboxWriter.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void storedEventsReachTheBrokerAtQos1InSequenceAndTheStatusIsRetainedOnlineThenOffline()
      throws Exception {
    Mosquitto.assumeReachable();
    BrokerSettings broker = BrokerSettings.defaults(Mosquitto.URL, edgeId);
    DiskOutbox outbox = outbox();
    String status = Topics.status(edgeId);
    byte[] jpeg = Jpegs.ofSize(5000);
    try (MqttRecorder wire =
        MqttRecorder.subscribe(
            Mosquitto.URL,
            "sharpeyes/v1/edge/" + edgeId + "/events/+",
            "sharpeyes/v1/edge/" + edgeId + "/snapshots/+")) {
      for (int i = 0; i < 5; i++) {
        store(outbox, event(i == 2), i == 2 ? jpeg : null);
      }
      MqttEventPublisher publisher = publisher(broker, outbox);

      publisher.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> wire.messages().size() == 6);
      List<MqttRecorder.Received> received = wire.messages();
      assertThat(received).allSatisfy(m -> assertThat(m.qos()).isEqualTo(1));
      List<EdgeEvent> events = eventsIn(received);
      assertThat(events).extracting(EdgeEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(received.get(2).topic()).isEqualTo(Topics.snapshot(edgeId, events.get(2).id()));
      assertThat(received.get(2).payload()).isEqualTo(jpeg);
      assertThat(received.get(3).topic()).isEqualTo(Topics.events(edgeId, events.get(2).type()));
      await().until(() -> outbox.status().depth() == 0);
      assertThat(
              meters
                  .get("sharpeyes.edge.events.published")
                  .tag("type", "vehicle.sighted")
                  .counter()
                  .count())
          .isEqualTo(5.0);

      assertThat(retainedState(status)).isEqualTo("online");
      publisher.close();
      assertThat(publisher.status().state()).isEqualTo(PublisherState.STOPPED);
      assertThat(retainedState(status)).isEqualTo("offline");
      wire.clearRetained(status);
    }
  }

  @Test
  void whileTheBrokerIsUnreachableEventsWaitAndTheStatusSaysWhy() throws Exception {
    BrokerSettings broker = unreachableBroker();
    DiskOutbox outbox = outbox();
    MqttEventPublisher publisher = publisher(broker, outbox);

    publisher.start();
    store(outbox, event(false), null);

    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.status().reconnects() >= 3);
    PublisherStatus s = publisher.status();
    assertThat(publisher.isConnected()).isFalse();
    assertThat(s.lastError()).startsWith("cannot connect to tcp://127.0.0.1:1");
    assertThat(outbox.status().waiting()).isEqualTo(1);
    publisher.close(Duration.ZERO);
    assertThat(publisher.status().state()).isEqualTo(PublisherState.STOPPED);
  }

  @Test
  void eventsStoredWhileTheBrokerWasUnreachableReachTheRealBrokerAfterARestart() throws Exception {
    Mosquitto.assumeReachable();
    DiskOutbox before = outbox();
    MqttEventPublisher cutOff = publisher(unreachableBroker(), before);
    cutOff.start();
    List<String> stored = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      EdgeEvent e = event(i == 1);
      stored.add(e.id());
      store(before, e, i == 1 ? Jpegs.ofSize(4000) : null);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> cutOff.status().reconnects() >= 1);
    cutOff.close(Duration.ZERO);
    before.close();

    try (MqttRecorder wire =
        MqttRecorder.subscribe(
            Mosquitto.URL,
            "sharpeyes/v1/edge/" + edgeId + "/events/+",
            "sharpeyes/v1/edge/" + edgeId + "/snapshots/+")) {
      DiskOutbox after = outbox();
      MqttEventPublisher connected =
          publisher(BrokerSettings.defaults(Mosquitto.URL, edgeId), after);

      connected.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> wire.messages().size() == 4);
      List<EdgeEvent> events = eventsIn(wire.messages());
      assertThat(events).extracting(EdgeEvent::id).containsExactlyElementsOf(stored);
      assertThat(events).extracting(EdgeEvent::seq).containsExactly(1L, 2L, 3L);
      assertThat(wire.messages().get(1).topic())
          .as("the snapshot goes first")
          .isEqualTo(Topics.snapshot(edgeId, stored.get(1)));
      await().until(() -> after.status().depth() == 0);
      connected.close();
      wire.clearRetained(Topics.status(edgeId));
    }
  }

  private DiskOutbox outbox() {
    DiskOutbox outbox =
        DiskOutbox.open(
            edgeId,
            OutboxConfig.at(dir.resolve("outbox.db")),
            codec,
            Clock.systemUTC(),
            outboxWriter,
            meters);
    outboxes.add(outbox);
    return outbox;
  }

  private BrokerSettings unreachableBroker() {
    return BrokerSettings.defaults("tcp://127.0.0.1:1", edgeId)
        .withReconnect(new Backoff.Bounds(Duration.ofMillis(10), Duration.ofMillis(50)));
  }

  private static void store(DiskOutbox outbox, EdgeEvent event, byte[] jpeg) throws Exception {
    SinkResult r = outbox.offer(event, jpeg).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(r).isInstanceOf(SinkResult.Accepted.class);
  }

  private MqttEventPublisher publisher(BrokerSettings broker, Outbox outbox) {
    return new MqttEventPublisher(
        new PublisherSetup(edgeId, "test", broker, BrokerCredentials.ANONYMOUS),
        outbox,
        codec,
        executor,
        Clock.systemUTC(),
        new Random(1),
        meters);
  }

  private List<EdgeEvent> eventsIn(List<MqttRecorder.Received> received) {
    return received.stream()
        .filter(m -> m.topic().contains("/events/"))
        .map(m -> ((DecodeResult.Decoded) codec.decode(m.payload())).event())
        .toList();
  }

  /** The state in the retained status message, as a new subscriber sees it. */
  private static String retainedState(String topic) throws Exception {
    try (MqttRecorder late = MqttRecorder.subscribe(Mosquitto.URL, topic)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> !late.messages().isEmpty());
      MqttRecorder.Received m = late.messages().get(late.messages().size() - 1);
      assertThat(m.retained()).isTrue();
      JsonNode json = new ObjectMapper().readTree(m.payload());
      return json.get("state").asText();
    }
  }

  private EdgeEvent event(boolean withSnapshot) {
    VehicleSighted data =
        new VehicleSighted(
            "湘JA1234",
            "湘J·A1234",
            VehicleSighted.PlateColor.BLUE,
            null,
            null,
            null,
            null,
            null,
            null,
            0.9,
            withSnapshot ? new SnapshotRef(SnapshotRef.JPEG, 5000) : null);
    return new EdgeEvent(
        ids.next(), edgeId, "43070200001320000101", 0, Clock.systemUTC().instant(), data);
  }
}
