package org.sharpeyes.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.rule.Sightings;

class AlertApiTest {

  private ApiServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ApiServer(AlertSettings.defaults());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void alertListCarriesDeviceGridAndRegionNamesAndFiltersByRegionSubtree() throws Exception {
    server.sight("湘J38J91", Sightings.WULING_READER);
    server.sight("湘J20E22", Sightings.DINGCHENG_READER); // KP0010, red

    JsonObject all = server.getJson("/api/alerts");
    assertThat(all.getInteger("count")).isEqualTo(2);

    JsonObject wuling = server.getJson("/api/alerts", "region", "430702002");
    assertThat(wuling.getInteger("count")).isEqualTo(1);
    JsonObject alert = wuling.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("plate")).isEqualTo("湘J38J91");
    assertThat(alert.getString("severity")).isEqualTo("critical");
    assertThat(alert.getString("state")).isEqualTo("new");
    assertThat(alert.getJsonObject("device").getString("name")).isEqualTo("火车站卡口");
    assertThat(alert.getJsonObject("grid").getString("code")).isEqualTo("43070200200102");
    assertThat(alert.getJsonObject("grid").getString("worker")).isNotBlank();
    assertThat(alert.getJsonArray("regions").stream().map(r -> ((JsonObject) r).getString("name")))
        .containsExactly("常德市", "武陵区", "桂园街道", "桂园社区");

    JsonObject dingcheng = server.getJson("/api/alerts", "region", "430703");
    assertThat(dingcheng.getJsonArray("alerts").getJsonObject(0).getString("personId"))
        .isEqualTo("KP0010");
    assertThat(server.getJson("/api/alerts", "region", "430725").getInteger("count")).isZero();
    assertThat(server.getJson("/api/alerts", "severity", "high").getInteger("count")).isZero();
    assertThat(server.getJson("/api/alerts", "state", "new", "limit", "1").getInteger("count"))
        .isEqualTo(1);
    assertThat(server.getJson("/api/alerts", "since", "2026-11-27T07:55:00Z").getInteger("count"))
        .isZero();
  }

  @Test
  void aKeyPersonsFaceAtACameraIsOneAlertAboutThePersonAtThatCamerasGrid() throws Exception {
    String camera = "43070200001320000001"; // 柳湾社区主路口枪机
    server.faceMatched("KP0002", 0.72, camera); // orange: 0.60
    server.faceMatched("KP0002", 0.68, camera);
    server.faceMatched("KP0002", 0.58, camera); // below the bar: no sighting
    server.faceMatched("visitor-17", 0.95, camera); // not a key person

    JsonObject all = server.getJson("/api/alerts");

    assertThat(all.getInteger("count")).isEqualTo(1);
    JsonObject alert = all.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("rule")).isEqualTo("watchlist-face");
    assertThat(alert.getString("severity")).isEqualTo("high");
    assertThat(alert.getString("personId")).isEqualTo("KP0002");
    assertThat(alert.getInteger("count")).isEqualTo(2);
    assertThat(alert.getJsonObject("subject").getString("type")).isEqualTo("person");
    assertThat(alert.getJsonObject("device").getString("id")).isEqualTo(camera);
    assertThat(alert.getJsonObject("device").getString("kind")).isEqualTo("camera");
  }

  @Test
  void badQueryIsA400ListingEveryBadParameter() throws Exception {
    HttpResponse<String> response =
        server.get(
            "/api/alerts", "since", "yesterday", "limit", "5000", "state", "open", "colour", "red");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("type")).isEqualTo("https://sharpeyes.org/problems/bad-request");
    assertThat(body.getInteger("status")).isEqualTo(400);
    JsonArray errors = body.getJsonArray("errors");
    assertThat(errors.stream().map(p -> ((JsonObject) p).getString("path")))
        .containsExactlyInAnyOrder("query.since", "query.limit", "query.state", "query.colour");
    assertThat(errors)
        .contains(
            new JsonObject()
                .put("path", "query.since")
                .put("message", "not an ISO-8601 instant, e.g. 2026-11-27T08:00:00Z"));
  }

  @Test
  void unknownRegionCodeIsA400NamingIt() throws Exception {
    HttpResponse<String> response = server.get("/api/alerts", "region", "430799");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("path", "query.region")
                .put("message", "unknown region code 430799"));
  }

  @Test
  void unknownAlertIdIsA404Problem() throws Exception {
    HttpResponse<String> response = server.get("/api/alerts/no-such-alert");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo("https://sharpeyes.org/problems/not-found");
    assertThat(problem.getString("title")).isEqualTo("Not found");
    assertThat(problem.getInteger("status")).isEqualTo(404);
    assertThat(problem.getString("detail")).isEqualTo("no alert with id no-such-alert");
  }

  @Test
  void alertDetailShowsEvidencePersonCardWithMaskedIdNumberAndHotlistReason() throws Exception {
    String first = server.sight("湘JJN407", Sightings.WULING_READER).id(); // KP0001, red
    String second = server.sight("湘JJ4926", Sightings.WULING_READER).id(); // KP0001's 2nd car
    String id =
        server.getJson("/api/alerts").getJsonArray("alerts").getJsonObject(0).getString("id");

    JsonObject detail = server.getJson("/api/alerts/" + id);

    assertThat(detail.getInteger("count")).isEqualTo(2);
    assertThat(
            detail.getJsonArray("evidence").stream()
                .map(e -> ((JsonObject) e).getString("eventId")))
        .containsExactly(second, first);
    JsonObject person = detail.getJsonObject("person");
    assertThat(person.getString("name")).isEqualTo("王建军");
    assertThat(person.getString("idNumber")).isEqualTo("430702197506070675"); // full clearance
    JsonObject masked =
        server.as(TestTokens.masked("desk", Role.OPERATOR, "430700")).getJson("/api/alerts/" + id);
    assertThat(masked.getJsonObject("person").getString("idNumber"))
        .isEqualTo("430702********0675");
    assertThat(masked.encode()).doesNotContain("430702197506070675");
    assertThat(detail.containsKey("hotlist")).isFalse();

    server.sight("湘J38J91", Sightings.WULING_READER);
    String plateAlert =
        server
            .getJson("/api/alerts", "severity", "critical", "limit", "1")
            .getJsonArray("alerts")
            .getJsonObject(0)
            .getString("id");
    JsonObject hotlisted = server.getJson("/api/alerts/" + plateAlert);
    assertThat(hotlisted.getJsonObject("hotlist").getString("reason")).isEqualTo("涉案车辆");
    assertThat(hotlisted.containsKey("person")).isFalse();
  }

  @Test
  void eventQueryNormalisesThePlateAndFiltersByDevice() throws Exception {
    server.sight("湘J38J91", Sightings.WULING_READER);
    server.sight("湘JA1234", Sightings.WULING_READER);
    server.sight("湘J38J91", Sightings.DINGCHENG_READER);

    JsonObject byPlate = server.getJson("/api/events", "plate", "湘j·38j91");
    assertThat(byPlate.getJsonArray("events")).hasSize(2);
    JsonObject newest = byPlate.getJsonArray("events").getJsonObject(0);
    assertThat(newest.getString("deviceId")).isEqualTo(Sightings.DINGCHENG_READER);
    assertThat(newest.getJsonObject("event").getString("type"))
        .isEqualTo("sharpeyes.vehicle.sighted");

    assertThat(
            server
                .getJson("/api/events", "device", Sightings.WULING_READER, "limit", "1")
                .getJsonArray("events"))
        .hasSize(1);

    HttpResponse<String> bad = server.get("/api/events", "device", "camera-1", "until", "x");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonArray("errors")).hasSize(2);
  }
}
