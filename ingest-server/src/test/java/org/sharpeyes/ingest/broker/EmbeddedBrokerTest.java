package org.sharpeyes.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;

class EmbeddedBrokerTest {

  @TempDir Path dataDir;

  /**
   * A connected client with a persistent session: a clean session's teardown races with an
   * immediate broker stop and Artemis logs it as an error.
   */
  private static MqttClient connect(EmbeddedBroker broker, String id) throws Exception {
    MqttClient client = new MqttClient(broker.clientUrl().toString(), id, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    client.connect(options);
    return client;
  }

  private EmbeddedBrokerConfig config(int port) {
    return new EmbeddedBrokerConfig(true, "127.0.0.1", port, dataDir);
  }

  @Test
  void retainedMessageSurvivesABrokerRestart() throws Exception {
    String topic = "sharpeyes/v1/edge/edge-1/status";
    int port;
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(config(0))) {
      port = broker.port();
      MqttClient edge = connect(broker, "edge-1");
      edge.publish(topic, "online".getBytes(StandardCharsets.UTF_8), 1, true);
      edge.disconnect();
      edge.close();
    }

    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(config(port))) {
      List<String> received = new CopyOnWriteArrayList<>();
      MqttClient reader = connect(broker, "reader");
      reader.subscribe(
          "sharpeyes/v1/edge/+/status",
          1,
          (t, m) -> received.add(t + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)));

      await().until(() -> received.contains(topic + "=online"));
      reader.disconnect();
      reader.close();
    }
  }

  @Test
  void topicLevelsWithDotsMatchSingleLevelWildcards() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(config(0))) {
      List<String> topics = new CopyOnWriteArrayList<>();
      MqttClient client = connect(broker, "c");
      client.subscribe("sharpeyes/v1/edge/+/events/+", 1, (t, m) -> topics.add(t));

      client.publish("sharpeyes/v1/edge/edge.a/events/vehicle.sighted", new byte[] {1}, 1, false);

      await().until(() -> topics.contains("sharpeyes/v1/edge/edge.a/events/vehicle.sighted"));
      client.disconnect();
      client.close();
    }
  }

  @Test
  void takenPortFailsTheStartWithTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> EmbeddedBroker.startOpen(config(taken.getLocalPort())))
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void portZeroPicksAFreePortAndReportsIt() {
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(config(0))) {
      assertThat(broker.port()).isPositive();
      assertThat(broker.clientUrl().toString()).isEqualTo("tcp://127.0.0.1:" + broker.port());
    }
  }
}
