package org.sharpeyes.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.ingest.testing.TestEdgeAccounts;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.ingest.testing.TestLogins.Account;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.topic.Topics;

/**
 * The desk's routes as a desk and a grid worker use them, on a whole server with the demo city's
 * accounts: a hotlisted plate seen in 柳湾社区 lands in that village's queue, and the loop is closed
 * over HTTP with revisions in If-Match; every wrong request gets its own problem.
 */
class WorkflowRoutesTest {

  private static final String EDGE = "edge-wuling-01";
  private static final String LIUWAN_READER = "43070200001320000103";
  private static final Account VILLAGE = new Account("wu.liuwancun", "demo-liuwancun-2026");
  private static final Account GRID = new Account("he.grid", "demo-grid-he-2026");
  private static final Account OTHER_COUNTY = new Account("qin.dingcheng", "demo-dingcheng-2026");
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0};
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  private static IngestServer server;
  private static MqttClient edge;

  @BeforeAll
  static void start() throws Exception {
    IngestServerConfig config = TestLogins.withTestUsers(IngestServerConfig.ephemeral(dataDir));
    config =
        config.withAuth(config.auth().withSeedUsers(TestLogins.DEMO_CITY.resolve("users.yaml")));
    server = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());
    await().until(server::brokerConnected);
    edge = new MqttClient(server.brokerUrl(), "test-" + UUID.randomUUID(), new MemoryPersistence());
    edge.connect(TestEdgeAccounts.loginAs(server, EDGE));
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

  /** Publishes a sighting of {@code plate} and waits until the village desk holds its alert. */
  private static String alertInVillageQueue(String plate) throws Exception {
    edge.publish(
        Topics.events(EDGE, EventType.VEHICLE_SIGHTED),
        new EventCodec().encode(Sightings.vehicle(plate, LIUWAN_READER, Instant.now())),
        1,
        false);
    String token = TestLogins.bearer(server.httpPort(), VILLAGE);
    String[] id = new String[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonArray queue =
                  new JsonObject(get(token, "/api/desks/430702001001/queue").body())
                      .getJsonArray("alerts");
              for (int i = 0; i < queue.size(); i++) {
                if (plate.equals(queue.getJsonObject(i).getString("plate"))) {
                  id[0] = queue.getJsonObject(i).getString("id");
                }
              }
              return id[0] != null;
            });
    return id[0];
  }

  private static HttpResponse<String> get(String token, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> step(String token, String id, String ifMatch, JsonObject body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/api/alerts/" + id + "/transitions"))
            .header("Authorization", token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.httpPort() + path);
  }

  private static String etag(String token, String id) throws Exception {
    return get(token, "/api/alerts/" + id + "/workflow").headers().firstValue("ETag").orElseThrow();
  }

  @Test
  void theVillageDeskAndItsGridWorkerCloseTheLoopOverHttp() throws Exception {
    String id = alertInVillageQueue("湘JRT396");
    String desk = TestLogins.bearer(server.httpPort(), VILLAGE);
    String grid = TestLogins.bearer(server.httpPort(), GRID);

    HttpResponse<String> view = get(desk, "/api/alerts/" + id + "/workflow");
    assertThat(view.headers().firstValue("ETag")).hasValue("\"0\"");
    JsonObject workflow = new JsonObject(view.body()).getJsonObject("workflow");
    assertThat(workflow.getJsonObject("desk").getString("name")).isEqualTo("柳湾社区网格服务站");
    assertThat(workflow.getString("nextDeadline")).isNotNull();
    assertThat(new JsonObject(view.body()).getJsonArray("actions"))
        .containsExactly("acknowledge", "false-positive");
    assertThat(get(grid, "/api/alerts/" + id + "/workflow").statusCode())
        .as("not dispatched to the grid worker yet")
        .isEqualTo(404);

    assertThat(step(desk, id, "\"0\"", new JsonObject().put("action", "acknowledge")).statusCode())
        .isEqualTo(200);
    HttpResponse<String> dispatched =
        step(
            desk,
            id,
            "\"1\"",
            new JsonObject()
                .put("action", "dispatch")
                .put("assignee", "he.grid")
                .put("note", "check the car at the east gate"));
    assertThat(dispatched.statusCode()).isEqualTo(200);
    assertThat(dispatched.headers().firstValue("ETag")).hasValue("\"2\"");

    JsonArray mine = new JsonObject(get(grid, "/api/dispatched").body()).getJsonArray("alerts");
    assertThat(mine).anySatisfy(a -> assertThat(((JsonObject) a).getString("id")).isEqualTo(id));
    HttpResponse<String> reported =
        step(
            grid,
            id,
            etag(grid, id),
            new JsonObject()
                .put("action", "report")
                .put("note", "owner found, car moved")
                .put(
                    "photo", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(JPEG)));
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
    HttpResponse<String> resolved =
        step(desk, id, "*", new JsonObject().put("action", "resolve").put("note", "reviewed"));
    assertThat(resolved.statusCode()).isEqualTo(200);

    JsonObject done = new JsonObject(resolved.body());
    assertThat(done.getString("state")).isEqualTo("resolved");
    JsonArray timeline = done.getJsonArray("timeline");
    assertThat(
            timeline.stream()
                .map(
                    s ->
                        ((JsonObject) s).getString("action")
                            + " by "
                            + ((JsonObject) s).getString("actor")))
        .containsExactly(
            "acknowledge by wu.liuwancun",
            "dispatch by wu.liuwancun",
            "report by he.grid",
            "resolve by wu.liuwancun");
    JsonObject report = timeline.getJsonObject(2);
    assertThat(report.getBoolean("photo")).isTrue();
    HttpResponse<byte[]> photo =
        HTTP.send(
            HttpRequest.newBuilder(
                    uri("/api/alerts/" + id + "/steps/" + report.getInteger("seq") + "/photo"))
                .header("Authorization", desk)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(photo.statusCode()).isEqualTo(200);
    assertThat(photo.body()).isEqualTo(JPEG);
  }

  @Test
  void eachWrongStepGetsItsOwnProblem() throws Exception {
    String id = alertInVillageQueue("湘DZ1936");
    String desk = TestLogins.bearer(server.httpPort(), VILLAGE);
    JsonObject ack = new JsonObject().put("action", "acknowledge");

    assertThat(status(step(desk, id, null, ack), 428, "precondition-required")).isNotNull();
    assertThat(step(desk, id, "\"0\"", ack).statusCode()).isEqualTo(200);
    JsonObject stale = status(step(desk, id, "\"0\"", ack), 412, "stale");
    assertThat(stale.getInteger("revision")).isEqualTo(1);
    JsonObject illegal = status(step(desk, id, "*", ack), 409, "illegal-transition");
    assertThat(illegal.getString("state")).isEqualTo("acknowledged");
    JsonObject badAssignee =
        status(
            step(
                desk,
                id,
                "*",
                new JsonObject().put("action", "dispatch").put("assignee", "xia.grid")),
            422,
            "invalid-field");
    assertThat(badAssignee.getString("field")).isEqualTo("assignee");
    assertThat(badAssignee.getString("detail")).contains("he.grid");
    JsonObject unknown =
        status(step(desk, id, "*", new JsonObject().put("action", "close")), 422, "invalid-field");
    assertThat(unknown.getString("detail")).contains("acknowledge, dispatch");
    String other = TestLogins.bearer(server.httpPort(), OTHER_COUNTY);
    assertThat(
            status(
                    step(other, id, "*", new JsonObject().put("action", "resolve")),
                    403,
                    "forbidden")
                .getString("detail"))
        .contains("outside the jurisdiction of qin.dingcheng");
    assertThat(get(other, "/api/desks/430702001001/queue").statusCode()).isEqualTo(403);
  }

  private static JsonObject status(HttpResponse<String> r, int status, String slug) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(r.body());
    assertThat(problem.getString("type")).endsWith("/" + slug);
    return problem;
  }
}
