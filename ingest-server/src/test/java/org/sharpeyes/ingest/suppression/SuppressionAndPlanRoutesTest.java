package org.sharpeyes.ingest.suppression;

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
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.rule.RuleIds;
import org.sharpeyes.ingest.testing.TestEdgeAccounts;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.topic.Topics;

/** The suppression and disposal-plan routes on the server the command line runs (demo city). */
class SuppressionAndPlanRoutesTest {

  @TempDir Path dataDir;
  private IngestServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private String supervisor;
  private String admin;

  @BeforeEach
  void start() {
    IngestServerConfig config = TestLogins.withTestUsers(IngestServerConfig.ephemeral(dataDir));
    server = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());
    supervisor = TestLogins.bearer(server.httpPort(), TestLogins.SUPERVISOR);
    admin = TestLogins.bearer(server.httpPort(), TestLogins.ADMIN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aDeskSnoozesAPlateSeesItListedAndLiftsIt() throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            "/api/suppressions",
            supervisor,
            new JsonObject()
                .put("subjectType", "plate")
                .put("subjectKey", "湘J3B924")
                .put("deviceId", TestEvents.PLATE_READER)
                .put("for", "PT8H")
                .put("reason", "车主本人，停放于家门口 — the owner's car, parked at home"));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject snooze = new JsonObject(created.body());
    assertThat(snooze.getString("kind")).isEqualTo("snooze");
    assertThat(snooze.getString("createdBy")).isEqualTo(TestLogins.SUPERVISOR.name());

    JsonArray listed =
        new JsonObject(send("GET", "/api/suppressions", supervisor, null).body())
            .getJsonArray("suppressions");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("id")).isEqualTo(snooze.getString("id"));

    HttpResponse<String> lifted =
        send("DELETE", "/api/suppressions/" + snooze.getString("id"), supervisor, null);
    assertThat(lifted.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(lifted.body()).getString("liftedAt")).isNotNull();
    assertThat(
            new JsonObject(send("GET", "/api/suppressions", supervisor, null).body())
                .getJsonArray("suppressions"))
        .isEmpty();
    assertThat(send("DELETE", "/api/suppressions/nope", supervisor, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aSnoozeWithABadDurationIsRefusedNamingTheField() throws Exception {
    HttpResponse<String> tooLong =
        send(
            "POST",
            "/api/suppressions",
            supervisor,
            new JsonObject()
                .put("subjectType", "plate")
                .put("subjectKey", "湘J3B924")
                .put("siteId", "SITE-02")
                .put("for", "P400D")
                .put("reason", "x"));
    assertThat(tooLong.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(tooLong.body()).getString("field")).isEqualTo("for");

    HttpResponse<String> notJson = send("POST", "/api/suppressions", supervisor, "{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/suppressions", admin, new JsonObject()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void aDeskTicksAStepOfTheAlertsPlanAndTheTickNamesTheUser() throws Exception {
    String alertId = raiseAlert();

    JsonObject plan =
        new JsonObject(send("GET", "/api/alerts/" + alertId + "/plan", supervisor, null).body());
    assertThat(plan.getString("rule")).isEqualTo("plate-hotlist");
    assertThat(plan.getJsonArray("steps")).hasSizeBetween(3, 6);

    HttpResponse<String> ticked =
        send("POST", "/api/alerts/" + alertId + "/plan/steps/2", supervisor, null);
    assertThat(ticked.statusCode()).isEqualTo(200);
    JsonObject step2 = new JsonObject(ticked.body()).getJsonArray("steps").getJsonObject(1);
    assertThat(step2.getBoolean("ticked")).isTrue();
    assertThat(step2.getString("tickedBy")).isEqualTo(TestLogins.SUPERVISOR.name());
    assertThat(
            new JsonObject(ticked.body())
                .getJsonArray("steps")
                .getJsonObject(0)
                .getBoolean("ticked"))
        .isFalse();

    JsonObject again =
        new JsonObject(
            send("POST", "/api/alerts/" + alertId + "/plan/steps/2", supervisor, null).body());
    assertThat(again.getJsonArray("steps").getJsonObject(1).getString("tickedAt"))
        .isEqualTo(step2.getString("tickedAt"));
    assertThat(
            send("POST", "/api/alerts/" + alertId + "/plan/steps/99", supervisor, null)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void theDemoPlansAreListedAndOnlyAnAdminReloadsThem() throws Exception {
    JsonObject plans = new JsonObject(send("GET", "/api/plans", supervisor, null).body());
    assertThat(plans.getJsonArray("plans")).hasSize(RuleIds.ALL.size()); // one per rule
    assertThat(plans.getString("version")).hasSize(12);

    assertThat(send("POST", "/api/plans/reload", supervisor, null).statusCode()).isEqualTo(403);
    HttpResponse<String> reloaded = send("POST", "/api/plans/reload", admin, null);
    assertThat(reloaded.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(reloaded.body()).getString("version"))
        .isEqualTo(plans.getString("version"));
  }

  private String raiseAlert() throws Exception {
    MqttClient edge = new MqttClient(server.brokerUrl(), "edge-plan", new MemoryPersistence());
    edge.connect(TestEdgeAccounts.loginAs(server, TestEvents.EDGE));
    edge.publish(
        Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED),
        new EventCodec()
            .encode(TestEvents.vehicleSighted(EventIds.system().next(), "湘J3B924", Instant.now())),
        1,
        false);
    edge.disconnect();
    edge.close();
    await().until(() -> alerts().size() == 1);
    return alerts().getJsonObject(0).getString("id");
  }

  private JsonArray alerts() throws Exception {
    return new JsonObject(send("GET", "/api/alerts", supervisor, null).body())
        .getJsonArray("alerts");
  }

  private HttpResponse<String> send(String method, String path, String bearer, Object body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
            .header("Authorization", bearer);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
