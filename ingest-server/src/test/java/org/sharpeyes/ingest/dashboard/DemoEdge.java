package org.sharpeyes.ingest.dashboard;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.testing.TestEdgeAccounts;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.event.FaceMatched;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.topic.Topics;

/**
 * The demo city's Wuling edge ({@value TestEvents#EDGE}) publishing to the server's broker, so that
 * a test can make the server raise an alert while a user watches the dashboard. Connecting is the
 * one place that knows how an edge signs in to the broker.
 */
final class DemoEdge implements AutoCloseable {

  /** A camera of the Wuling edge, in county 430702 (柳湾广场球机). */
  static final String CAMERA = "43070200001310000001";

  private final MqttClient client;
  private final EventCodec codec = new EventCodec();
  private final EventIds ids = EventIds.system();
  private long seq;

  /** Connects with an account of its own, as an edge must on a broker with security on. */
  DemoEdge(IngestServer server) throws MqttException {
    client =
        new MqttClient(
            server.brokerUrl(), "dashboard-test-" + UUID.randomUUID(), new MemoryPersistence());
    client.connect(TestEdgeAccounts.loginAs(server, TestEvents.EDGE));
  }

  /** The Wuling station plate reader reads {@code plate} now. */
  void sightPlate(String plate) throws MqttException {
    publish(TestEvents.numbered(TestEvents.EDGE, ++seq, ids.next(), plate, Instant.now()));
  }

  /**
   * Device {@code deviceId} of the Wuling edge reads {@code plate} now, e.g. {@link #CAMERA}, in
   * grid cell 43070200100203 of village 430702001002 (柳湾街道 · 柳岸社区).
   */
  void sightPlateAt(String deviceId, String plate) throws MqttException {
    EdgeEvent e = TestEvents.numbered(TestEvents.EDGE, ++seq, ids.next(), plate, Instant.now());
    publish(new EdgeEvent(e.id(), e.edgeId(), deviceId, e.seq(), e.time(), e.data()));
  }

  /** A Wuling camera matches the face of key person {@code personId}, well above any threshold. */
  void matchFace(String personId) throws MqttException {
    publish(
        new EdgeEvent(
            ids.next(),
            TestEvents.EDGE,
            CAMERA,
            ++seq,
            Instant.now(),
            new FaceMatched(personId, 0.93, 0.5, "fr-feature-512", 3, null)));
  }

  private void publish(EdgeEvent event) throws MqttException {
    EventType type = event.type();
    client.publish(Topics.events(event.edgeId(), type), codec.encode(event), 1, false);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
