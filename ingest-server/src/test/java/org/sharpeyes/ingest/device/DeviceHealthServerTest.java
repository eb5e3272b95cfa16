package org.sharpeyes.ingest.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.testing.TestEdgeAccounts;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.testing.MutableClock;
import org.sharpeyes.schema.topic.Topics;

/**
 * The server as the command line runs it, over MQTT: a device reported offline raises its alert
 * once the wait is over (the clock moves, the server's own timer asks the rule), its online report
 * closes it, and an edge's last will makes its devices unknown on {@code GET /api/devices}.
 */
class DeviceHealthServerTest {

  private static final String EDGE = "edge-wuling-01";
  private static final String READER = "43070200001320000101";

  @TempDir Path dataDir;
  private IngestServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private long seq;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aDeviceOfflineOverMqttRaisesItsAlertAfterTheWaitAndItsOnlineReportClosesIt()
      throws Exception {
    IngestServerConfig config = TestLogins.withTestUsers(IngestServerConfig.ephemeral(dataDir));
    server = IngestServer.start(config, clock, StandardExtensions.all());
    await().until(server::brokerConnected);
    String bearer = TestLogins.bearer(server.httpPort(), TestLogins.SUPERVISOR);
    MqttClient edge = new MqttClient(server.brokerUrl(), "edge-devoff", new MemoryPersistence());
    edge.connect(TestEdgeAccounts.loginAs(server, EDGE));

    report(edge, DeviceStatus.Availability.OFFLINE);
    await().until(() -> reader(bearer).getString("availability").equals("offline"));
    clock.advance(Duration.ofMinutes(6));
    await().until(() -> reader(bearer).getString("openAlertId") != null);
    String alertId = reader(bearer).getString("openAlertId");

    clock.advance(Duration.ofSeconds(30));
    report(edge, DeviceStatus.Availability.ONLINE);
    await()
        .until(
            () ->
                "resolved"
                    .equals(
                        new JsonObject(get(bearer, "/api/alerts/" + alertId)).getString("state")));
    assertThat(reader(bearer).getString("openAlertId")).isNull();

    edge.publish(
        Topics.status(EDGE),
        ("{\"edgeId\":\"" + EDGE + "\",\"state\":\"offline\",\"time\":\"" + clock.instant() + "\"}")
            .getBytes(StandardCharsets.UTF_8),
        1,
        true);
    await().until(() -> "edge-offline".equals(reader(bearer).getString("reason")));
    assertThat(reader(bearer).getString("availability")).isEqualTo("unknown");
    edge.disconnect();
    edge.close();
  }

  private void report(MqttClient edge, DeviceStatus.Availability status) throws Exception {
    EdgeEvent event =
        new EdgeEvent(
            EventIds.system().next(),
            EDGE,
            READER,
            ++seq,
            clock.instant(),
            new DeviceStatus(status, "test", null, null));
    edge.publish(
        Topics.events(EDGE, EventType.DEVICE_STATUS), new EventCodec().encode(event), 1, false);
  }

  private JsonObject reader(String bearer) throws Exception {
    JsonArray devices = new JsonObject(get(bearer, "/api/devices")).getJsonArray("devices");
    return devices.stream()
        .map(JsonObject.class::cast)
        .filter(d -> READER.equals(d.getString("id")))
        .findFirst()
        .orElseThrow();
  }

  private String get(String bearer, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", bearer)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
