package org.sharpeyes.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.GeoPoint;
import org.sharpeyes.edge.adapter.plate.PlateReaderAdapterConfig;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.testing.Mosquitto;
import org.sharpeyes.edge.testing.MqttRecorder;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.codec.DecodeResult;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.topic.Topics;

class EdgeAgentTest {

  static final String DEVICE = "43070200001320000101";
  static final String READ =
      "{\"plate\":\"湘J·A1234\",\"color\":\"蓝\",\"time\":\"2026-11-27T10:15:30+08:00\","
          + "\"confidence\":0.93}";

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  final String edgeId = Mosquitto.uniqueEdgeId();
  @TempDir Path dir;

  @Test
  void aPlateReadPostedToTheAgentArrivesOnTheBrokerAsAVehicleSighting() throws Exception {
    Mosquitto.assumeReachable();
    EdgeAgentConfig config = config(Mosquitto.URL);
    try (MqttRecorder wire =
            MqttRecorder.subscribe(
                Mosquitto.URL, Topics.events(edgeId, EventType.VEHICLE_SIGHTED));
        EdgeAgent agent = EdgeAgent.start(config, Clock.systemUTC())) {
      await().atMost(Duration.ofSeconds(10)).until(agent::isConnected);

      HttpResponse<String> accepted = postRead(agent, READ);

      assertThat(accepted.statusCode()).isEqualTo(202);
      String eventId = json.readTree(accepted.body()).get("eventId").asText();
      await().atMost(Duration.ofSeconds(10)).until(() -> wire.messages().size() == 1);
      EdgeEvent event =
          ((DecodeResult.Decoded) new EventCodec().decode(wire.messages().get(0).payload()))
              .event();
      assertThat(event.id()).isEqualTo(eventId);
      assertThat(event.seq()).isEqualTo(1);
      assertThat(event.edgeId()).isEqualTo(edgeId);
      assertThat(((VehicleSighted) event.data()).plateNumber()).isEqualTo("湘JA1234");
      assertThat(get(agent, "/healthz").statusCode()).isEqualTo(200);
      await()
          .until(
              () ->
                  get(agent, "/metrics")
                      .body()
                      .contains(
                          "sharpeyes_edge_events_published_total{edge=\""
                              + edgeId
                              + "\",type=\"vehicle.sighted\"} 1.0"));
    } finally {
      try (MqttRecorder cleanup = MqttRecorder.subscribe(Mosquitto.URL)) {
        cleanup.clearRetained(Topics.status(edgeId));
      }
    }
  }

  @Test
  void theAgentStartsWhileTheBrokerIsDownAndItsHealthSaysWhy() throws Exception {
    EdgeAgentConfig config = config("tcp://127.0.0.1:1");
    config =
        config.withBroker(
            config
                .broker()
                .withReconnect(new Backoff.Bounds(Duration.ofMillis(20), Duration.ofMillis(200))));
    try (EdgeAgent agent = EdgeAgent.start(config, Clock.systemUTC())) {
      HttpResponse<String> queued = postRead(agent, READ);

      assertThat(queued.statusCode()).isEqualTo(202);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> get(agent, "/healthz").body().contains("cannot connect"));
      HttpResponse<String> health = get(agent, "/healthz");
      assertThat(health.statusCode()).isEqualTo(503);
      JsonNode status = json.readTree(get(agent, "/status").body());
      assertThat(status.get("outbox").get("depth").asInt()).isEqualTo(1);
      assertThat(status.get("outbox").get("path").asText())
          .isEqualTo(dir.resolve("outbox.db").toAbsolutePath().normalize().toString());
      JsonNode device = status.get("devices").get(0);
      assertThat(device.get("deviceId").asText()).isEqualTo(DEVICE);
      assertThat(device.get("kind").asText()).isEqualTo("plate-reader");
      assertThat(device.get("runtimeState").asText()).isEqualTo("STARTED");
      assertThat(device.get("connectionState").asText()).isEqualTo("CONNECTED");
      assertThat(device.get("counters").get("eventsAccepted").asInt()).isEqualTo(1);
    }
  }

  @Test
  void theBrokerStateGaugeKeepsReportingAfterGarbageCollection() throws Exception {
    try (EdgeAgent agent = EdgeAgent.start(config("tcp://127.0.0.1:1"), Clock.systemUTC())) {
      System.gc();

      List<String> states =
          get(agent, "/metrics")
              .body()
              .lines()
              .filter(l -> l.startsWith("sharpeyes_edge_broker_state{"))
              .toList();

      assertThat(states).hasSize(4).noneMatch(l -> l.endsWith("NaN"));
      assertThat(states).filteredOn(l -> l.endsWith(" 1.0")).hasSize(1);
    }
  }

  @Test
  void aPlateReadAcceptedWhileTheBrokerWasDownArrivesAfterTheAgentRestartsWithABroker()
      throws Exception {
    Mosquitto.assumeReachable();
    String eventId;
    try (EdgeAgent offline = EdgeAgent.start(config("tcp://127.0.0.1:1"), Clock.systemUTC())) {
      HttpResponse<String> accepted = postRead(offline, READ);
      assertThat(accepted.statusCode()).isEqualTo(202);
      eventId = json.readTree(accepted.body()).get("eventId").asText();
    }
    try (MqttRecorder wire =
            MqttRecorder.subscribe(
                Mosquitto.URL, Topics.events(edgeId, EventType.VEHICLE_SIGHTED));
        EdgeAgent online = EdgeAgent.start(config(Mosquitto.URL), Clock.systemUTC())) {

      await().atMost(Duration.ofSeconds(10)).until(() -> wire.messages().size() == 1);

      EdgeEvent event =
          ((DecodeResult.Decoded) new EventCodec().decode(wire.messages().get(0).payload()))
              .event();
      assertThat(event.id()).isEqualTo(eventId);
      assertThat(event.seq()).isEqualTo(1);
      await().until(() -> online.status().outbox().depth() == 0);
    } finally {
      try (MqttRecorder cleanup = MqttRecorder.subscribe(Mosquitto.URL)) {
        cleanup.clearRetained(Topics.status(edgeId));
      }
    }
  }

  @Test
  void theOutboxMetricsAreServedUnderTheDocumentedNames() throws Exception {
    try (EdgeAgent agent = EdgeAgent.start(config("tcp://127.0.0.1:1"), Clock.systemUTC())) {
      assertThat(postRead(agent, READ).statusCode()).isEqualTo(202);

      String metrics = get(agent, "/metrics").body();

      String edge = "{edge=\"" + edgeId + "\"";
      assertThat(metrics)
          .contains("sharpeyes_edge_outbox_depth" + edge + "} 1.0")
          .contains("sharpeyes_edge_outbox_in_flight" + edge + "} 0.0")
          .contains("sharpeyes_edge_outbox_bytes" + edge + "}")
          .contains("sharpeyes_edge_outbox_oldest_age_seconds" + edge + "}")
          .contains("sharpeyes_edge_outbox_dropped_total" + edge + ",kind=\"event\"} 0.0")
          .contains("sharpeyes_edge_outbox_dropped_total" + edge + ",kind=\"snapshot\"} 0.0")
          .contains("sharpeyes_edge_outbox_refused_total" + edge + ",reason=\"behind\"} 0.0")
          .contains("sharpeyes_edge_outbox_redelivered_total" + edge + "} 0.0")
          .contains("sharpeyes_edge_outbox_commit_seconds_count" + edge + "}")
          .contains("sharpeyes_edge_outbox_batch_events_count" + edge + "}")
          .doesNotContain("sharpeyes_edge_queue_");
    }
  }

  @Test
  void twoAgentsCannotShareOneOutbox() {
    try (EdgeAgent first = EdgeAgent.start(config("tcp://127.0.0.1:1"), Clock.systemUTC())) {
      assertThatThrownBy(() -> EdgeAgent.start(config("tcp://127.0.0.1:1"), Clock.systemUTC()))
          .isInstanceOf(EdgeAgentStartException.class)
          .hasMessageContaining("is in use by another edge-agent");
      assertThat(first.status().outbox().depth()).isZero();
    }
  }

  @Test
  void aDevicePortThatIsTakenFailsTheStartNamingTheDevice() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      EdgeAgentConfig config =
          config("tcp://127.0.0.1:1").withDevicePort(DEVICE, taken.getLocalPort());

      assertThatThrownBy(() -> EdgeAgent.start(config, Clock.systemUTC()))
          .isInstanceOf(EdgeAgentStartException.class)
          .hasMessageContaining("device " + DEVICE)
          .hasMessageContaining("cannot listen on 0.0.0.0:" + taken.getLocalPort());
    }
  }

  @Test
  void missingCredentialVariablesFailTheStartNamingThem() {
    EdgeAgentConfig config = config("tcp://127.0.0.1:1");
    var b = config.broker();
    EdgeAgentConfig withCredentials =
        config.withBroker(b.withCredentials("EDGE_TEST_USER", "EDGE_TEST_PASSWORD"));

    assertThatThrownBy(
            () ->
                EdgeAgent.builder(withCredentials)
                    .environment(java.util.Map.of("EDGE_TEST_USER", "edge"))
                    .start())
        .isInstanceOf(EdgeAgentStartException.class)
        .hasMessage(
            "broker.passwordEnv: environment variable EDGE_TEST_PASSWORD is not set — export it"
                + " before starting");
  }

  private EdgeAgentConfig config(String brokerUrl) {
    return EdgeAgentConfig.of(
            edgeId,
            brokerUrl,
            new DeviceConfig(
                DEVICE,
                "火车站卡口",
                new GeoPoint(29.0435, 111.68),
                PlateReaderAdapterConfig.onPort(8081)))
        .withEphemeralPorts()
        .withOutboxPath(dir.resolve("outbox.db"));
  }

  private HttpResponse<String> postRead(EdgeAgent agent, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agent.devicePort(DEVICE) + "/plates"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(EdgeAgent agent, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.statusPort() + path)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
