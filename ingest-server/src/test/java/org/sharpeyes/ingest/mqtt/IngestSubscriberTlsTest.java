package org.sharpeyes.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.broker.EmbeddedBroker;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.pipeline.IntakeQueues;
import org.sharpeyes.ingest.testing.TestCertificates;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.runtime.Backoff;

/**
 * The intake over TLS as the Paho path did it: the broker verified against {@code
 * broker.tls.caFile} and its host name checked against its certificate.
 */
class IngestSubscriberTlsTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private EmbeddedBroker broker;
  private IngestSubscriber subscriber;
  private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void stop() {
    if (subscriber != null) {
      subscriber.close();
    }
    if (broker != null) {
      broker.close();
    }
    reconnects.shutdownNow();
  }

  @Test
  void aBrokerWhoseCertificateTheCityCaSignedIsTrusted() {
    TestCertificates cityCa = TestCertificates.authority("City CA");
    startBroker(cityCa, cityCa.serverCertificate());

    subscriber = subscriber("localhost", cityCa.writeCertificate(dir.resolve("ca.pem")));

    await("subscribed over TLS").atMost(WAIT).until(() -> isConnected(subscriber));
  }

  @Test
  void aBrokerSignedByAnotherCaIsRefused() {
    TestCertificates cityCa = TestCertificates.authority("City CA");
    TestCertificates other = TestCertificates.authority("Someone else");
    startBroker(other, other.serverCertificate());

    subscriber = subscriber("localhost", cityCa.writeCertificate(dir.resolve("ca.pem")));

    await().atMost(WAIT).until(() -> failedAttempts() >= 2);
    assertThat(subscriber.state()).isNotEqualTo(ConnectionState.CONNECTED);
    assertThat(subscriber.lastError()).startsWith("connect to ssl://localhost:");
  }

  @Test
  void aBrokerCertificateForAnotherHostIsRefused() {
    TestCertificates cityCa = TestCertificates.authority("City CA");
    startBroker(cityCa, cityCa.serverCertificate("broker.elsewhere.example", "10.9.8.7"));

    subscriber = subscriber("localhost", cityCa.writeCertificate(dir.resolve("ca.pem")));

    await().atMost(WAIT).until(() -> failedAttempts() >= 2);
    assertThat(subscriber.state()).isNotEqualTo(ConnectionState.CONNECTED);
  }

  private void startBroker(TestCertificates ca, TestCertificates.Issued certificate) {
    Path cert = certificate.writeChain(dir.resolve("broker.crt"), ca);
    Path key = certificate.writeKey(dir.resolve("broker.key"));
    broker =
        EmbeddedBroker.startOpen(
            new EmbeddedBrokerConfig(true, "127.0.0.1", 0, dir.resolve("broker"))
                .withTls(new EmbeddedBrokerConfig.Tls(0, cert, key)));
  }

  private IngestSubscriber subscriber(String host, Path caFile) {
    URI url = URI.create("ssl://" + host + ":" + broker.tlsPort());
    BrokerSettings settings =
        new BrokerSettings(
            url,
            "intake-tls",
            BrokerSettings.DEFAULT_KEEP_ALIVE,
            null,
            null,
            new BrokerSettings.Tls(caFile),
            new Backoff.Bounds(Duration.ofMillis(50), Duration.ofMillis(200)),
            BrokerSettings.DEFAULT_MAX_IN_FLIGHT);
    IngestSubscriber s =
        new IngestSubscriber(
            url,
            settings,
            BrokerCredentials.ANONYMOUS,
            new IntakeQueues(1, 10),
            reconnects,
            Clock.systemUTC(),
            new Random(1),
            new IngestMetrics(registry));
    s.start();
    return s;
  }

  private double failedAttempts() {
    var c = registry.find("sharpeyes.ingest.mqtt.connects").tag("outcome", "failed").counter();
    return c == null ? 0 : c.count();
  }

  private static boolean isConnected(IngestSubscriber s) {
    return s.state() == ConnectionState.CONNECTED;
  }
}
