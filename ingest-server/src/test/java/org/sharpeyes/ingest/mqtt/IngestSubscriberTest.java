package org.sharpeyes.ingest.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.broker.EmbeddedBroker;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.pipeline.InboundMessage;
import org.sharpeyes.ingest.pipeline.IntakeQueues;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.topic.Topics;

/**
 * The intake against the embedded broker: what it acknowledges and when, which connection an
 * acknowledgement goes to, and how it lets go of the broker while its queue stays full.
 */
class IngestSubscriberTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private EmbeddedBroker broker;
  private MqttClient publisher;
  private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(registry);
  private final String clientId = "intake-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<IngestSubscriber> subscribers = new ArrayList<>();
  private IntakeQueues queue = new IntakeQueues(1, 100);

  @BeforeEach
  void startBroker() throws Exception {
    broker =
        EmbeddedBroker.startOpen(
            new EmbeddedBrokerConfig(true, "127.0.0.1", 0, dir.resolve("broker")));
    publisher =
        new MqttClient(
            broker.clientUrl().toString(), "publisher-" + clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    publisher.connect(options);
  }

  @AfterEach
  void stop() throws Exception {
    subscribers.forEach(IngestSubscriber::close);
    if (publisher.isConnected()) {
      publisher.disconnect();
    }
    publisher.close();
    broker.close();
    reconnects.shutdownNow();
  }

  @Test
  void aMessageIsAcknowledgedOnlyWhenAskedSoAnUnacknowledgedOneComesAgainAfterARestart()
      throws Exception {
    IngestSubscriber first = subscribed();
    publish("edge-a", "one");
    InboundMessage one = next();
    assertThat(text(one)).isEqualTo("one");
    first.close();

    IngestSubscriber second = subscribed();
    InboundMessage again = next();
    assertThat(text(again)).as("not acknowledged, so delivered again").isEqualTo("one");
    second.acknowledge(again);
    second.close();

    IngestSubscriber third = subscribed();
    publish("edge-a", "two");
    assertThat(text(next())).as("the acknowledged one does not come again").isEqualTo("two");
    assertThat(third.state()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void aMessageLargerThanVertxsDefaultLimitArrivesWhole() throws Exception {
    subscribed();
    byte[] big = new byte[300_000];
    new Random(7).nextBytes(big);
    publisher.publish(Topics.events("edge-b", EventType.values()[0]), big, 1, false);
    assertThat(next().payload()).isEqualTo(big);
  }

  @Test
  void whileTheQueueStaysFullTheConnectionIsDroppedAndComesBackWhenThereIsRoom() throws Exception {
    queue = new IntakeQueues(1, 1);
    IngestSubscriber subscriber = subscribed();
    publish("edge-c", "first");
    publish("edge-c", "second");

    await("dropped because the queue stayed full")
        .atMost(WAIT)
        .until(() -> counter("sharpeyes.ingest.backpressure.disconnects") == 1);
    await("waiting for room before reconnecting")
        .atMost(WAIT)
        .until(() -> String.valueOf(subscriber.lastError()).contains("waiting for room"));
    assertThat(subscriber.state()).isEqualTo(ConnectionState.DISCONNECTED);

    InboundMessage fromTheDroppedConnection = next(); // room again: it reconnects
    subscriber.acknowledge(fromTheDroppedConnection);
    assertThat(counter("sharpeyes.ingest.acks.skipped"))
        .as("an ack for the dropped connection is not sent")
        .isEqualTo(1);

    InboundMessage first = next();
    subscriber.acknowledge(first);
    InboundMessage second = next();
    subscriber.acknowledge(second);
    assertThat(List.of(text(first), text(second)))
        .as("both delivered again, in order, on the new connection")
        .containsExactly("first", "second");
    await("connected again").atMost(WAIT).until(() -> isConnected(subscriber));
    assertThat(counter("sharpeyes.ingest.acks.skipped")).isEqualTo(1);
    assertThat(counter("sharpeyes.ingest.backpressure.disconnects")).isEqualTo(1);

    subscriber.close();
    queue = new IntakeQueues(1, 100);
    subscribed();
    publish("edge-c", "third");
    assertThat(text(next())).as("the acknowledged ones do not come again").isEqualTo("third");
  }

  @Test
  void anAcknowledgementAfterCloseIsSkippedAndCounted() throws Exception {
    IngestSubscriber subscriber = subscribed();
    publish("edge-d", "one");
    InboundMessage one = next();
    subscriber.close();

    subscriber.acknowledge(one);

    assertThat(counter("sharpeyes.ingest.acks.skipped")).isEqualTo(1);
    assertThat(subscriber.state()).isEqualTo(ConnectionState.DISCONNECTED);
  }

  @Test
  void withoutABrokerItKeepsTryingAndSaysWhy() {
    int port = broker.port();
    broker.close();
    IngestSubscriber subscriber =
        subscriber(BrokerSettings.defaults("tcp://127.0.0.1:" + port, clientId));
    subscriber.start();

    await().atMost(WAIT).until(() -> counter("sharpeyes.ingest.mqtt.connects", "failed") >= 2);
    assertThat(subscriber.lastError()).startsWith("connect to tcp://127.0.0.1:" + port + " failed");
    assertThat(subscriber.state()).isNotEqualTo(ConnectionState.CONNECTED);

    broker =
        EmbeddedBroker.startOpen(
            new EmbeddedBrokerConfig(true, "127.0.0.1", port, dir.resolve("broker2")));
    await("connected once the broker is there").atMost(WAIT).until(() -> isConnected(subscriber));
    assertThat(subscriber.lastError()).isNull();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private IngestSubscriber subscribed() {
    IngestSubscriber subscriber =
        subscriber(
            BrokerSettings.defaults(broker.clientUrl(), clientId)
                .withReconnect(new Backoff.Bounds(Duration.ofMillis(50), Duration.ofMillis(200))));
    subscriber.start();
    await("subscribed").atMost(WAIT).until(() -> isConnected(subscriber));
    return subscriber;
  }

  private IngestSubscriber subscriber(BrokerSettings settings) {
    BrokerSettings shortWaits =
        new BrokerSettings(
            settings.url(),
            settings.clientId(),
            Duration.ofSeconds(3), // keep-alive 3 s: the queue wait is 1 s
            null,
            null,
            null,
            new Backoff.Bounds(Duration.ofMillis(50), Duration.ofMillis(200)),
            settings.maxInFlight());
    IngestSubscriber subscriber =
        new IngestSubscriber(
            settings.url(),
            shortWaits,
            BrokerCredentials.ANONYMOUS,
            queue,
            reconnects,
            Clock.systemUTC(),
            new Random(1),
            metrics);
    subscribers.add(subscriber);
    return subscriber;
  }

  private static boolean isConnected(IngestSubscriber subscriber) {
    return subscriber.state() == ConnectionState.CONNECTED;
  }

  private void publish(String edge, String text) throws Exception {
    publisher.publish(Topics.events(edge, EventType.values()[0]), text.getBytes(UTF_8), 1, false);
  }

  private InboundMessage next() throws InterruptedException {
    InboundMessage m = queue.partition(0).poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(m).as("a message within " + WAIT).isNotNull();
    return m;
  }

  private static String text(InboundMessage m) {
    return new String(m.payload(), UTF_8);
  }

  private double counter(String name) {
    var c = registry.find(name).counter();
    return c == null ? 0 : c.count();
  }

  private double counter(String name, String outcome) {
    var c = registry.find(name).tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }
}
