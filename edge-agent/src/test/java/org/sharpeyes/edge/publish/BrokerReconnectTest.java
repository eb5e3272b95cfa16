package org.sharpeyes.edge.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.outbox.DiskOutbox;
import org.sharpeyes.edge.outbox.OutboxConfig;
import org.sharpeyes.edge.testing.FakeMqttBroker;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.codec.EventCodec;

/** How the publisher gets back to a broker that cuts it off or turns it away. */
class BrokerReconnectTest {

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService outboxWriter = Executors.newSingleThreadExecutor();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final EventCodec codec = new EventCodec();
  @TempDir Path dir;
  private DiskOutbox outbox;

  @AfterEach
  void stop() {
    if (outbox != null) {
      outbox.close();
    }
    executor.shutdownNow();
    outboxWriter.shutdownNow();
  }

  private MqttEventPublisher publisher(FakeMqttBroker broker) {
    BrokerSettings config =
        BrokerSettings.defaults(broker.url(), "edge-reconnect")
            .withReconnect(new Backoff.Bounds(Duration.ofMillis(5), Duration.ofMillis(40)));
    outbox =
        DiskOutbox.open(
            "edge-reconnect",
            OutboxConfig.at(dir.resolve("outbox.db")),
            codec,
            Clock.systemUTC(),
            outboxWriter,
            meters);
    return new MqttEventPublisher(
        new PublisherSetup("edge-reconnect", "test", config, BrokerCredentials.ANONYMOUS),
        outbox,
        codec,
        executor,
        Clock.systemUTC(),
        new Random(3),
        meters);
  }

  @Test
  void connectionCutTenTimesIsMadeAgainEachTimeWithOneConnectionAtATime() throws Exception {
    try (FakeMqttBroker broker = FakeMqttBroker.start()) {
      MqttEventPublisher publisher = publisher(broker);
      publisher.start();
      await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);

      for (int cut = 1; cut <= 10; cut++) {
        broker.cutAll();
        int expected = cut + 1;
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> broker.connects() >= expected && publisher.isConnected());
      }

      assertThat(broker.connects()).isEqualTo(11);
      assertThat(broker.maxOpenAtOnce()).isEqualTo(1);
      assertThat(publisher.status().state()).isEqualTo(PublisherState.CONNECTED);
      publisher.close(Duration.ZERO);
    }
  }

  @Test
  void brokerTurningConnectsAwayIsTriedOneAttemptAtATimeUntilItAccepts() throws Exception {
    try (FakeMqttBroker broker = FakeMqttBroker.start()) {
      broker.refuseNextConnects(5);
      MqttEventPublisher publisher = publisher(broker);
      publisher.start();

      await().atMost(Duration.ofSeconds(20)).until(publisher::isConnected);

      assertThat(broker.connects()).isEqualTo(6);
      assertThat(broker.maxOpenAtOnce()).isEqualTo(1);
      assertThat(broker.openNow()).isEqualTo(1);
      assertThat(publisher.status().lastError()).contains("cannot connect");
      publisher.close(Duration.ZERO);
    }
  }
}
