package org.sharpeyes.ingest;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.topic.Topics;

/**
 * The whole server in-process: embedded Artemis on a free port, H2 in a temp directory, HTTP on a
 * free port, and a real Paho client publishing like an edge.
 */
class IngestServerTest {

  @TempDir static Path dataDir;

  private static IngestServer server;
  private static MqttClient edge;
  private static String bearer;
  private static final EventCodec CODEC = new EventCodec();
  private static final EventIds IDS = EventIds.system();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String EVENTS = Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED);

  @BeforeAll
  static void startServerAndEdge() throws Exception {
    // One client plays many edges here, some misbehaving, to test what the server does with bad
    // input; a broker with security on would not let it (EmbeddedBrokerSecurityTest).
    server =
        IngestServer.start(
            TestLogins.withTestUsers(
                IngestServerConfig.ephemeral(dataDir).withEmbeddedBrokerSecurity(false)),
            Clock.systemUTC());
    await().until(server::brokerConnected);
    bearer = TestLogins.bearer(server.httpPort(), TestLogins.SUPERVISOR);
    edge =
        new MqttClient(
            server.brokerUrl(), "test-edge-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    edge.connect(options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (edge != null) {
      edge.disconnect();
      edge.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void publish(String topic, byte[] payload) throws Exception {
    edge.publish(topic, payload, 1, false);
  }

  private static EdgeEvent sighting(String id, Instant time) {
    return TestEvents.vehicleSighted(id, "湘J12345", time);
  }

  private static double rejected(String reason) {
    var c = server.registry().find("sharpeyes.ingest.rejected").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private static long deadLetters(String reason, String topic) throws Exception {
    try (Connection c = server.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM dead_letters WHERE reason = ? AND topic = ?")) {
      ps.setString(1, reason);
      ps.setString(2, topic);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
            .header("Authorization", bearer)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eventPublishedTwiceIsStoredExactlyOnce() throws Exception {
    String id = IDS.next();
    byte[] payload = CODEC.encode(sighting(id, Instant.now()));
    EventStore events = new EventStore(server.dataSource());
    double duplicatesBefore = duplicates();

    publish(EVENTS, payload);
    publish(EVENTS, payload);

    await().until(() -> duplicates() >= duplicatesBefore + 1);
    assertThat(events.countById(id)).isEqualTo(1);
  }

  private static double duplicates() {
    var c =
        server
            .registry()
            .find("sharpeyes.ingest.duplicate")
            .tag("type", "vehicle.sighted")
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void everyKindOfBadMessageIsDeadLetteredWithItsReasonAndTheNextGoodOneIsStored()
      throws Exception {
    String valid =
        new String(CODEC.encode(sighting(IDS.next(), Instant.now())), StandardCharsets.UTF_8);
    String badEdge = "edge-bad-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = Topics.events(badEdge, EventType.VEHICLE_SIGHTED);
    byte[] nested = ("[".repeat(100) + "]".repeat(100)).getBytes(StandardCharsets.UTF_8);
    byte[] oversize = ("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] unknownType =
        valid
            .replace("sharpeyes.vehicle.sighted", "sharpeyes.vehicle.teleported")
            .getBytes(StandardCharsets.UTF_8);
    byte[] missingFields =
        "{\"specversion\":\"1.0\",\"id\":\"x1\",\"type\":\"sharpeyes.vehicle.sighted\"}"
            .getBytes(StandardCharsets.UTF_8);
    String impostorTopic = Topics.events("edge-impostor", EventType.VEHICLE_SIGHTED);
    byte[] fromTheFuture =
        CODEC.encode(sighting(IDS.next(), Instant.now().plus(Duration.ofHours(1))));
    String futureTopic = Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED);

    publish(topic, "{not json".getBytes(StandardCharsets.UTF_8));
    publish(topic, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
    publish(topic, nested);
    publish(topic, oversize);
    publish(topic, unknownType);
    publish(topic, missingFields);
    publish(impostorTopic, CODEC.encode(sighting(IDS.next(), Instant.now())));
    publish(futureTopic, fromTheFuture);
    String goodId = IDS.next();
    publish(EVENTS, CODEC.encode(sighting(goodId, Instant.now())));

    EventStore events = new EventStore(server.dataSource());
    await().until(() -> events.countById(goodId) == 1);
    for (String reason :
        new String[] {
          "malformed-json", "not-utf8", "too-deep", "oversize", "unknown-type", "invalid-fields"
        }) {
      assertThat(deadLetters(reason, topic)).as(reason).isEqualTo(1);
      assertThat(rejected(reason)).as(reason).isGreaterThanOrEqualTo(1);
    }
    assertThat(deadLetters("wrong-topic", impostorTopic)).isEqualTo(1);
    assertThat(deadLetters("clock-skew", futureTopic)).isEqualTo(1);
    assertThat(rejected("wrong-topic")).isGreaterThanOrEqualTo(1);
    assertThat(rejected("clock-skew")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void healthzAnswersUpWithBrokerAndStoreStatus() throws Exception {
    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonObject("broker").getBoolean("connected")).isTrue();
    assertThat(body.getJsonObject("store").getBoolean("reachable")).isTrue();
    assertThat(body.getJsonObject("store").getBoolean("writing")).isTrue();
    assertThat(body.getJsonObject("queue").getInteger("capacity")).isEqualTo(10_000);
    assertThat(body.getJsonObject("edges").fieldNames())
        .containsExactlyInAnyOrder("online", "known");
  }

  @Test
  void retainedOnlineStatusPutsTheEdgeOnlineAndItsLastWillTakesItOff() throws Exception {
    String edgeId = "edge-status-" + UUID.randomUUID().toString().substring(0, 8);
    String status = Topics.status(edgeId);
    MqttClient box = new MqttClient(server.brokerUrl(), edgeId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setWill(status, statusJson(edgeId, "offline"), 1, true);
    box.connect(options);
    box.publish(status, statusJson(edgeId, "online"), 1, true);

    await().until(() -> "online".equals(edgeJson(edgeId).getString("status")));
    assertThat(edgeJson(edgeId).getString("agentVersion")).isEqualTo("test");
    assertThat(new JsonObject(get("/healthz").body()).getJsonObject("edges").getInteger("online"))
        .isGreaterThanOrEqualTo(1);

    box.disconnectForcibly(0, 0, false); // no DISCONNECT packet: the broker sends the last will
    box.close();
    await().until(() -> !server.edges().online().contains(edgeId));
    assertThat(server.edges().all())
        .anySatisfy(
            e -> {
              assertThat(e.edgeId()).isEqualTo(edgeId);
              assertThat(e.online()).isFalse();
            });
  }

  private static byte[] statusJson(String edgeId, String state) {
    return ("{\"edgeId\":\""
            + edgeId
            + "\",\"state\":\""
            + state
            + "\",\"time\":\""
            + Instant.now()
            + "\",\"agentVersion\":\"test\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void snapshotIsServedByItsEventId() throws Exception {
    String id = IDS.next();
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    EventStore events = new EventStore(server.dataSource());

    // As an edge does: the event, then its snapshot (a snapshot is served for a stored event only,
    // so that its jurisdiction is known).
    publish(EVENTS, CODEC.encode(sighting(id, Instant.now())));
    await().until(() -> events.countById(id) == 1);
    publish(Topics.snapshot(TestEvents.EDGE, id), jpeg);

    await().until(() -> server.snapshots().image(id).isPresent());
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + server.httpPort()
                            + "/api/events/"
                            + id
                            + "/snapshot"))
                .header("Authorization", bearer)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("image/jpeg");
    assertThat(response.body()).isEqualTo(jpeg);
    assertThat(get("/api/snapshots/no-such-event").statusCode()).isEqualTo(404);
  }

  @Test
  void deadLettersRouteShowsBinaryPayloadsAsBase64AndRejectsABadLimit() throws Exception {
    String topic = Topics.events("edge-binary", EventType.DOOR_STATE);
    publish(topic, new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00});

    await().until(() -> deadLetters("not-utf8", topic) == 1);
    JsonArray letters = new JsonArray(get("/api/dead-letters?limit=500").body());
    JsonObject letter =
        letters.stream()
            .map(JsonObject.class::cast)
            .filter(o -> topic.equals(o.getString("topic")))
            .findFirst()
            .orElseThrow();
    assertThat(letter.getString("reason")).isEqualTo("not-utf8");
    assertThat(letter.getString("payloadEncoding")).isEqualTo("base64");
    assertThat(letter.getString("payload")).isEqualTo("/v8A");
    assertThat(letter.getInteger("payloadSize")).isEqualTo(3);

    HttpResponse<String> bad = get("/api/dead-letters?limit=0");
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonObject problem = new JsonObject(bad.body());
    assertThat(problem.getString("type")).isEqualTo("https://sharpeyes.org/problems/bad-request");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("path"))
        .isEqualTo("query.limit");
  }

  @Test
  void metricsEndpointServesTheIngestCountersInPrometheusFormat() throws Exception {
    publish(EVENTS, CODEC.encode(sighting(IDS.next(), Instant.now())));
    await().until(() -> get("/metrics").body().contains("sharpeyes_ingest_accepted_total"));

    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains("sharpeyes_ingest_received_total{type=\"vehicle.sighted\"}")
        .contains("sharpeyes_ingest_latency_seconds_bucket")
        .contains("sharpeyes_ingest_queue_capacity 10000.0")
        .contains("hikaricp_connections");
  }

  @Test
  void seqGapOfAnEdgeShowsInTheApiAndTheMetricUntilTheLateEventFillsIt() throws Exception {
    String edgeId = "edge-seq-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = Topics.events(edgeId, EventType.VEHICLE_SIGHTED);
    for (long seq : new long[] {1, 2, 4}) {
      publish(topic, numbered(edgeId, seq));
    }

    await().until(() -> edgeJson(edgeId).getLong("lastSeq", 0L) == 4);
    JsonObject edge = edgeJson(edgeId);
    assertThat(edge.getLong("missingSeqs")).isEqualTo(1);
    assertThat(edge.getJsonArray("gaps"))
        .isEqualTo(new JsonArray().add(new JsonObject().put("from", 3).put("to", 3)));
    assertThat(edge.getString("status")).isEqualTo("unknown");
    assertThat(get("/metrics").body())
        .contains("sharpeyes_ingest_seq_gaps{edge=\"" + edgeId + "\"} 1.0");
    assertThat(new JsonObject(get("/api/edges").body()).getJsonArray("edges").stream())
        .anySatisfy(e -> assertThat(((JsonObject) e).getString("edgeId")).isEqualTo(edgeId));

    publish(topic, numbered(edgeId, 3));

    await().until(() -> edgeJson(edgeId).getLong("missingSeqs") == 0);
    assertThat(edgeJson(edgeId).getLong("reordered")).isEqualTo(1);
    assertThat(edgeJson(edgeId).getLong("eventsStored")).isEqualTo(4);
  }

  private static byte[] numbered(String edgeId, long seq) {
    return CODEC.encode(TestEvents.numbered(edgeId, seq, IDS.next(), "湘J12345", Instant.now()));
  }

  private static JsonObject edgeJson(String edgeId) throws Exception {
    HttpResponse<String> response = get("/api/edges/" + edgeId);
    return response.statusCode() == 404 ? new JsonObject() : new JsonObject(response.body());
  }

  @Test
  void eventOlderThanMaxEventAgeIsDeadLetteredAsTooOld() throws Exception {
    String edgeId = "edge-old-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = Topics.events(edgeId, EventType.VEHICLE_SIGHTED);
    String id = IDS.next();
    Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));

    publish(topic, CODEC.encode(TestEvents.numbered(edgeId, 1, id, "湘J12345", eightDaysAgo)));

    await().until(() -> deadLetters("too-old", topic) == 1);
    assertThat(rejected("too-old")).isGreaterThanOrEqualTo(1);
    assertThat(new EventStore(server.dataSource()).countById(id)).isZero();
    assertThat(get("/api/edges/" + edgeId).statusCode()).isEqualTo(404);
  }

  @Test
  void unknownRouteAnswersA404Problem() throws Exception {
    HttpResponse<String> response = get("/no/such/route");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo("https://sharpeyes.org/problems/not-found");
    assertThat(problem.getString("detail")).isEqualTo("no route GET /no/such/route");
  }
}
