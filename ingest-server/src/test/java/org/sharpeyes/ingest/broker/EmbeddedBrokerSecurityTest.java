package org.sharpeyes.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.testing.TestEdgeAccounts;
import org.sharpeyes.schema.topic.Topics;

/** The embedded broker with security on (the default): edges only speak as themselves. */
class EmbeddedBrokerSecurityTest {

  @TempDir static Path dataDir;
  private static IngestServer server;

  @BeforeAll
  static void start() {
    server = IngestServer.start(IngestServerConfig.ephemeral(dataDir), Clock.systemUTC());
    await().until(server::brokerConnected);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String edgeId() {
    return "edge-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static MqttClient client(String id) throws MqttException {
    return new MqttClient(
        server.brokerUrl(), id + "-" + UUID.randomUUID(), new MemoryPersistence());
  }

  private static byte[] status(String edgeId) {
    return ("{\"edgeId\":\""
            + edgeId
            + "\",\"state\":\"online\",\"time\":\""
            + Instant.now()
            + "\",\"agentVersion\":\"test\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static double refused(BrokerGuard.Refusal reason) {
    return server.brokerGuard().refused(reason);
  }

  @Test
  void edgeACredentialsPublishingOnEdgeBsTopicAreRefusedAndNothingReachesTheServer()
      throws Exception {
    String a = edgeId();
    String b = edgeId();
    TestEdgeAccounts.loginAs(server, b);
    double before = refused(BrokerGuard.Refusal.PUBLISH_DENIED);
    MqttClient edgeA = client(a);
    edgeA.connect(TestEdgeAccounts.loginAs(server, a));

    edgeA.publish(Topics.status(b), status(b), 1, true); // acknowledged and dropped
    edgeA.publish(Topics.status(a), status(a), 1, true); // its own: arrives, after the other

    await().until(() -> server.edges().get(a).isPresent());
    assertThat(server.edges().get(b)).isEmpty();
    assertThat(refused(BrokerGuard.Refusal.PUBLISH_DENIED)).isEqualTo(before + 1);
    assertThat(edgeA.isConnected()).as("the edge is not disconnected, so not wedged").isTrue();
    edgeA.disconnect();
  }

  @Test
  void anonymousConnectionIsRefused() throws Exception {
    MqttClient anonymous = client("anonymous");
    assertThatThrownBy(() -> anonymous.connect(new MqttConnectOptions()))
        .isInstanceOf(MqttException.class);
    assertThat(refused(BrokerGuard.Refusal.ANONYMOUS)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void wrongPasswordIsRefused() throws Exception {
    String a = edgeId();
    MqttConnectOptions options = TestEdgeAccounts.loginAs(server, a);
    options.setPassword("not-the-password".toCharArray());
    double before = refused(BrokerGuard.Refusal.WRONG_PASSWORD);
    assertThatThrownBy(() -> client(a).connect(options)).isInstanceOf(MqttException.class);
    assertThat(refused(BrokerGuard.Refusal.WRONG_PASSWORD)).isEqualTo(before + 1);
  }

  @Test
  void disabledEdgeIsRefusedAtItsNextConnection() throws Exception {
    String a = edgeId();
    MqttConnectOptions options = TestEdgeAccounts.loginAs(server, a);
    MqttClient first = client(a);
    first.connect(options);
    first.disconnect();

    server.edgeAccounts().disable(a, "test", "test");

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> client(a).connect(options))
                    .isInstanceOf(MqttException.class));
  }

  @Test
  void anEdgeLetsGoOfAWatchlistPhotoItHasFetchedWithoutARefusal() throws Exception {
    String a = edgeId();
    String photo = Topics.watchlistPhoto("ab".repeat(32));
    double before = refused(BrokerGuard.Refusal.OTHER_DENIED);
    MqttClient edgeA = client(a);
    edgeA.connect(TestEdgeAccounts.loginAs(server, a));

    edgeA.subscribe(photo, 1);
    edgeA.unsubscribe(photo);
    edgeA.subscribe(photo, 1); // the connection is still good after letting go

    assertThat(edgeA.isConnected()).isTrue();
    assertThat(refused(BrokerGuard.Refusal.OTHER_DENIED)).isEqualTo(before);
    edgeA.disconnect();
  }

  @Test
  void anEdgeReadsItsOwnSyncTopicButNotAnothers() throws Exception {
    String a = edgeId();
    String b = edgeId();
    MqttClient serverSide = client("server");
    MqttConnectOptions asServer = new MqttConnectOptions();
    asServer.setUserName(server.config().brokerCredentials().username());
    asServer.setPassword(server.config().brokerCredentials().password());
    serverSide.connect(asServer);
    serverSide.publish(Topics.sync(a, Topics.WATCHLIST), "for a".getBytes(), 1, true);
    serverSide.publish(Topics.sync(b, Topics.WATCHLIST), "for b".getBytes(), 1, true);
    serverSide.disconnect();

    Map<String, String> received = new ConcurrentHashMap<>();
    MqttClient edgeA = client(a);
    edgeA.connect(TestEdgeAccounts.loginAs(server, a));
    edgeA.subscribe(
        Topics.sync(a, Topics.WATCHLIST), 1, (t, m) -> received.put(t, new String(m.getPayload())));
    assertThatThrownBy(
            () ->
                edgeA.subscribe(
                    Topics.sync(b, Topics.WATCHLIST),
                    1,
                    (t, m) -> received.put(t, new String(m.getPayload()))))
        .isInstanceOf(MqttException.class);

    await().until(() -> received.containsKey(Topics.sync(a, Topics.WATCHLIST)));
    assertThat(received).containsOnlyKeys(Topics.sync(a, Topics.WATCHLIST));
    assertThat(List.copyOf(received.values())).containsExactly("for a");
    if (edgeA.isConnected()) {
      edgeA.disconnect();
    }
  }
}
