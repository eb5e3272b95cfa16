package org.sharpeyes.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.runtime.Backoff;

class MqttConnectionsTest {

  private static final BrokerSettings TCP =
      BrokerSettings.defaults("tcp://127.0.0.1:1883", "edge-1")
          .withMaxInFlight(50)
          .withReconnect(new Backoff.Bounds(Duration.ofMillis(200), Duration.ofSeconds(5)));

  @TempDir Path dir;

  @Test
  void everyConnectionIsMqtt311WithOurOwnReconnectTheConfiguredKeepAliveAndATimeout() {
    MqttConnectOptions o =
        MqttConnections.of(TCP, BrokerCredentials.ANONYMOUS, MqttConnections.Use.cleanSession())
            .options();

    assertThat(o.getMqttVersion()).isEqualTo(MqttConnectOptions.MQTT_VERSION_3_1_1);
    assertThat(o.isAutomaticReconnect()).isFalse();
    assertThat(o.getKeepAliveInterval()).isEqualTo(30);
    assertThat(o.getConnectionTimeout()).isEqualTo(MqttConnections.CONNECT_TIMEOUT_SECONDS);
  }

  @Test
  void pahosWindowIsWideEnoughForTwoMessagesPerUnitOfOurOwnBoundAndStaysWithinMqtt() {
    assertThat(
            MqttConnections.of(TCP, BrokerCredentials.ANONYMOUS, MqttConnections.Use.cleanSession())
                .options()
                .getMaxInflight())
        .isEqualTo(104);
    assertThat(MqttConnections.inFlightWindow(TCP.withMaxInFlight(65_535))).isEqualTo(65_535);
  }

  @Test
  void aPublisherSessionIsCleanAndAnIntakeSessionIsPersistent() {
    var publisher =
        MqttConnections.of(TCP, BrokerCredentials.ANONYMOUS, MqttConnections.Use.cleanSession());
    var intake =
        MqttConnections.of(
            TCP, BrokerCredentials.ANONYMOUS, MqttConnections.Use.persistentIntake());

    assertThat(publisher.options().isCleanSession()).isTrue();
    assertThat(publisher.use().manualAcks()).isFalse();
    assertThat(intake.options().isCleanSession()).isFalse();
    assertThat(intake.use().manualAcks()).isTrue();
  }

  @Test
  void theClientGoesToTheBrokerAsTheConfiguredIdWithTheSuffixOfItsUse() throws MqttException {
    var watchlist =
        MqttConnections.of(
            TCP.withUrl("tcp://10.0.0.5"),
            BrokerCredentials.ANONYMOUS,
            MqttConnections.Use.cleanSession().withClientIdSuffix("-watchlist"));

    MqttAsyncClient client = watchlist.newClient();
    try {
      assertThat(client.getServerURI()).isEqualTo("tcp://10.0.0.5:1883");
      assertThat(client.getClientId()).isEqualTo("edge-1-watchlist");
      assertThat(client.isConnected()).isFalse();
    } finally {
      client.close(true);
    }
  }

  @Test
  void aSuffixThatWouldSpoilTheClientIdIsRefused() {
    assertThatThrownBy(() -> MqttConnections.Use.cleanSession().withClientIdSuffix(" watch"))
        .hasMessageContaining("visible ASCII characters, no spaces");
  }

  @Test
  void theLastWillIsRetainedAtQos1WithAPayloadMadeAtEachAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    var edge =
        MqttConnections.of(
            TCP,
            BrokerCredentials.ANONYMOUS,
            MqttConnections.Use.cleanSession()
                .withWill(
                    "sharpeyes/v1/edge/edge-1/status",
                    () -> ("offline " + attempts.incrementAndGet()).getBytes(UTF_8)));

    MqttConnectOptions first = edge.options();
    MqttConnectOptions second = edge.options();

    assertThat(first.getWillDestination()).isEqualTo("sharpeyes/v1/edge/edge-1/status");
    assertThat(first.getWillMessage().getQos()).isEqualTo(1);
    assertThat(first.getWillMessage().isRetained()).isTrue();
    assertThat(new String(first.getWillMessage().getPayload(), UTF_8)).isEqualTo("offline 1");
    assertThat(new String(second.getWillMessage().getPayload(), UTF_8)).isEqualTo("offline 2");
  }

  @Test
  void aClientWithoutAWillLeavesNone() {
    assertThat(
            MqttConnections.of(TCP, BrokerCredentials.ANONYMOUS, MqttConnections.Use.cleanSession())
                .options()
                .getWillMessage())
        .isNull();
  }

  @Test
  void credentialsFromTheEnvironmentAreSentAndAnAnonymousClientSendsNone() {
    var withCredentials =
        MqttConnections.of(
            TCP,
            new BrokerCredentials("ingest", "s3cret".toCharArray()),
            MqttConnections.Use.persistentIntake());
    var anonymous =
        MqttConnections.of(
            TCP, BrokerCredentials.ANONYMOUS, MqttConnections.Use.persistentIntake());

    assertThat(withCredentials.options().getUserName()).isEqualTo("ingest");
    assertThat(withCredentials.options().getPassword()).containsExactly("s3cret".toCharArray());
    assertThat(anonymous.options().getUserName()).isNull();
    assertThat(anonymous.options().getPassword()).isNull();
  }

  @Test
  void aTcpBrokerGetsNoTls() {
    assertThat(
            MqttConnections.of(TCP, BrokerCredentials.ANONYMOUS, MqttConnections.Use.cleanSession())
                .options()
                .getSocketFactory())
        .isNull();
  }

  @Test
  void anSslBrokerIsVerifiedAgainstTheConfiguredCaReadOnceForEveryAttempt() throws IOException {
    BrokerSettings ssl =
        new BrokerSettings(
            URI.create("ssl://broker.example"),
            "edge-1",
            Duration.ofSeconds(30),
            null,
            null,
            new BrokerSettings.Tls(caFile()),
            Backoff.Bounds.DEFAULTS,
            100);
    var edge =
        MqttConnections.of(ssl, BrokerCredentials.ANONYMOUS, MqttConnections.Use.cleanSession());

    MqttConnectOptions first = edge.options();
    MqttConnectOptions second = edge.options();

    assertThat(edge.serverUri()).isEqualTo("ssl://broker.example:8883");
    assertThat(first.getSocketFactory()).isInstanceOf(SSLSocketFactory.class);
    assertThat(second.getSocketFactory()).isSameAs(first.getSocketFactory());
    assertThat(first.isHttpsHostnameVerificationEnabled()).isTrue();
  }

  @Test
  void anSslBrokerWithoutACaFileIsVerifiedAgainstTheJvmsTrustedCas() {
    var edge =
        MqttConnections.of(
            BrokerSettings.defaults("ssl://broker.example", "edge-1"),
            BrokerCredentials.ANONYMOUS,
            MqttConnections.Use.cleanSession());

    assertThat(edge.options().getSocketFactory()).isNull();
    assertThat(edge.options().isHttpsHostnameVerificationEnabled()).isTrue();
  }

  @Test
  void reconnectDelaysFollowTheConfiguredBounds() {
    Backoff backoff =
        MqttConnections.of(TCP, BrokerCredentials.ANONYMOUS, MqttConnections.Use.cleanSession())
            .backoff(new SplittableRandom(1), Clock.systemUTC());

    assertThat(backoff.bounds()).isEqualTo(TCP.reconnect());
    assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aFailureIsDescribedWithItsRootCause() {
    var e =
        new MqttException(
            MqttException.REASON_CODE_SERVER_CONNECT_ERROR,
            new java.net.ConnectException("Connection refused"));

    assertThat(MqttConnections.describe(e)).endsWith("(Connection refused)");
    assertThat(MqttConnections.describe(null)).isEqualTo("unknown cause");
  }

  private Path caFile() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("test-ca.pem")) {
      Path file = dir.resolve("ca.pem");
      Files.copy(in, file);
      return file;
    }
  }
}
