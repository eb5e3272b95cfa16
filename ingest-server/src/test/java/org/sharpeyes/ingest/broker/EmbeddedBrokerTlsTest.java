package org.sharpeyes.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.ConfigYaml;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.edgeaccount.NewEdgeAccount;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.testing.TestCertificates;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSectionReader;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.mqtt.MqttConnections;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.topic.Topics;

/**
 * The embedded broker's MQTT-over-TLS listener ({@code broker.embedded.tls}) with security on, as
 * an edge on another machine uses it: its config file names {@code ssl://} and the city CA's PEM
 * file ({@code broker.tls.caFile}), and it logs in with the account {@code edges add} made.
 */
class EmbeddedBrokerTlsTest {

  private static final long WAIT_MS = 10_000;
  private static final EventCodec CODEC = new EventCodec();

  @TempDir static Path dir;
  private static IngestServer server;
  private static Path cityCaFile;

  @BeforeAll
  static void start() {
    TestCertificates cityCa = TestCertificates.authority("Example City Sharp Eyes CA");
    TestCertificates.Issued broker = cityCa.serverCertificate();
    Path cert = broker.writeChain(dir.resolve("server/tls/broker.crt"), cityCa);
    Path key = broker.writeKey(dir.resolve("server/tls/broker.key"));
    cityCaFile = cityCa.writeCertificate(dir.resolve("edge/city-ca.pem"));
    server =
        IngestServer.start(
            IngestServerConfig.ephemeral(dir.resolve("server/data"))
                .withEmbeddedBrokerTls(new EmbeddedBrokerConfig.Tls(0, cert, key)),
            Clock.systemUTC());
    await().until(server::brokerConnected);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String newEdgeId() {
    return "edge-tls-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The edge's {@code broker} section, read the way the edge reads its file. */
  private static MqttConnections edgeConnections(String edgeId, Path caFile) {
    String yaml =
        """
        broker:
          url: %s
          usernameEnv: SHARPEYES_MQTT_USERNAME
          passwordEnv: SHARPEYES_MQTT_PASSWORD
          tls: { caFile: %s }
        """
            .formatted(server.brokerTlsUrl().orElseThrow(), caFile);
    ConfigTree root = ConfigYaml.parse(yaml, dir, ConfigYaml.Limits.DEFAULTS).orThrow();
    BrokerSettings settings =
        BrokerSectionReader.read(root.section("broker"), edgeId, null, List.of());
    assertThat(root.problems()).isEmpty();
    NewEdgeAccount account = server.edgeAccounts().add(edgeId, "test", "test");
    BrokerCredentials credentials =
        BrokerCredentials.resolve(
            settings,
            Map.of(
                "SHARPEYES_MQTT_USERNAME", account.edgeId(),
                "SHARPEYES_MQTT_PASSWORD", account.password()),
            "broker");
    return MqttConnections.of(settings, credentials, MqttConnections.Use.cleanSession());
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  @Test
  void theTlsListenerIsAnSslUrlBesideThePlainOne() {
    URI tls = server.brokerTlsUrl().orElseThrow();

    assertThat(tls.getScheme()).isEqualTo("ssl");
    assertThat(tls.getPort()).isNotEqualTo(URI.create(server.brokerUrl()).getPort());
    assertThat(server.readyLine()).contains(tls.toString());
  }

  @Test
  void anEdgeTrustingTheCityCaPublishesOverTlsAndTheServerStoresTheEvent() throws Exception {
    String edgeId = newEdgeId();
    MqttConnections connections = edgeConnections(edgeId, cityCaFile);
    String eventId = EventIds.system().next();
    byte[] event = CODEC.encode(TestEvents.numbered(edgeId, 1, eventId, "湘A12345", Instant.now()));

    MqttAsyncClient edge = connections.newClient();
    try {
      edge.connect(connections.options()).waitForCompletion(WAIT_MS);
      edge.publish(Topics.events(edgeId, EventType.VEHICLE_SIGHTED), event, 1, false)
          .waitForCompletion(WAIT_MS); // the broker's PUBACK: QoS 1 delivery is its job now

      EventStore events = new EventStore(server.dataSource());
      await().until(() -> events.countById(eventId) == 1);
    } finally {
      if (edge.isConnected()) {
        edge.disconnect().waitForCompletion(WAIT_MS);
      }
      edge.close();
    }
  }

  @Test
  void anEdgeTrustingAnotherCaRefusesTheBrokerInTheHandshake() throws Exception {
    String edgeId = newEdgeId();
    Path otherCa =
        TestCertificates.authority("Some Other CA").writeCertificate(dir.resolve("other/ca.pem"));
    MqttConnections connections = edgeConnections(edgeId, otherCa);
    double loginsRefusedBefore = totalRefusals();

    MqttAsyncClient edge = connections.newClient();
    try {
      assertThatThrownBy(() -> edge.connect(connections.options()).waitForCompletion(WAIT_MS))
          .isInstanceOf(MqttException.class)
          .satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
    } finally {
      edge.close();
    }
    assertThat(totalRefusals())
        .as("it never got as far as logging in")
        .isEqualTo(loginsRefusedBefore);
  }

  @Test
  void plainMqttOnTheTlsPortIsRefused() throws Exception {
    String edgeId = newEdgeId();
    NewEdgeAccount account = server.edgeAccounts().add(edgeId, "test", "test");
    int tlsPort = server.brokerTlsUrl().orElseThrow().getPort();
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(account.edgeId());
    options.setPassword(account.password().toCharArray());
    options.setConnectionTimeout(5);

    MqttClient plain =
        new MqttClient("tcp://127.0.0.1:" + tlsPort, edgeId, new MemoryPersistence());
    try {
      assertThatThrownBy(() -> plain.connect(options)).isInstanceOf(MqttException.class);
      assertThat(plain.isConnected()).isFalse();
    } finally {
      plain.close();
    }
  }

  private static double totalRefusals() {
    double sum = 0;
    for (BrokerGuard.Refusal reason : BrokerGuard.Refusal.values()) {
      sum += server.brokerGuard().refused(reason);
    }
    return sum;
  }
}
