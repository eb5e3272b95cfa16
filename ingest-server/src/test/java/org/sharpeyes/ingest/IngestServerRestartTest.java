package org.sharpeyes.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.broker.EmbeddedBroker;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.topic.Topics;

/**
 * The server against a broker that outlives it: events published while the server is down wait in
 * its persistent session and are stored once it is back.
 */
class IngestServerRestartTest {

  @TempDir Path dir;

  private EmbeddedBroker broker;
  private IngestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void eventsPublishedWhileTheServerIsDownAreStoredWhenItComesBack() throws Exception {
    broker =
        EmbeddedBroker.startOpen(
            new EmbeddedBrokerConfig(true, "127.0.0.1", 0, dir.resolve("broker")));
    IngestServerConfig config =
        IngestServerConfig.ephemeral(dir.resolve("server")).withExternalBroker(broker.clientUrl());
    server = IngestServer.start(config, Clock.systemUTC());
    await().until(server::brokerConnected);
    server.close();

    String id = EventIds.system().next();
    MqttClient edge =
        new MqttClient(broker.clientUrl().toString(), "edge-restart", new MemoryPersistence());
    edge.connect();
    edge.publish(
        Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED),
        new EventCodec().encode(TestEvents.vehicleSighted(id, "湘J54321", Instant.now())),
        1,
        false);
    edge.disconnect();
    edge.close();

    server = IngestServer.start(config, Clock.systemUTC());

    EventStore events = new EventStore(server.dataSource());
    await().until(() -> events.countById(id) == 1);
    assertThat(server.brokerUrl()).isEqualTo(broker.clientUrl().toString());
  }

  @Test
  void serverStartsWhileTheBrokerIsDownAndSubscribesOnceItIsUp() throws Exception {
    EmbeddedBrokerConfig brokerConfig =
        new EmbeddedBrokerConfig(true, "127.0.0.1", 0, dir.resolve("broker"));
    broker = EmbeddedBroker.startOpen(brokerConfig);
    int port = broker.port();
    broker.close();
    IngestServerConfig config =
        IngestServerConfig.ephemeral(dir.resolve("server"))
            .withExternalBroker(java.net.URI.create("tcp://127.0.0.1:" + port));

    server = IngestServer.start(config, Clock.systemUTC());
    assertThat(server.brokerConnected()).isFalse();

    broker = EmbeddedBroker.startOpen(brokerConfig.withPort(port));
    await().until(server::brokerConnected);
  }
}
