package org.sharpeyes.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.topic.EdgeStatusMessage;

/**
 * Every caller role × {own region, a child, the parent, a sibling county} × every route, from the
 * one table in {@code authorisation-matrix.csv} (also in docs/security.md): the status, and for a
 * 200 the masking of personal data. Every caller's jurisdiction is the county 430702 (武陵区).
 */
class AuthorisationMatrixTest {

  static final String OWN = "430702";
  static final String CHILD = "430702002"; // 桂园街道, where the demo's first plate reader stands
  static final String PARENT = "430700";
  static final String SIBLING = "430703";

  static final String[] COLUMNS = {
    "admin", "supervisor", "operator", "operator-masked", "grid-worker", "integrator", "auditor"
  };

  static final Map<String, Principal> CALLERS =
      Map.of(
          "admin", TestTokens.caller("m-admin", Role.ADMIN, OWN),
          "supervisor", TestTokens.caller("m-supervisor", Role.SUPERVISOR, OWN),
          "operator", TestTokens.caller("m-operator", Role.OPERATOR, OWN),
          "operator-masked", TestTokens.masked("m-operator-masked", Role.OPERATOR, OWN),
          "grid-worker", TestTokens.caller("m-grid-worker", Role.GRID_WORKER, OWN),
          "integrator", TestTokens.caller("m-integrator", Role.INTEGRATOR, OWN),
          "auditor", TestTokens.caller("m-auditor", Role.AUDITOR, OWN));

  private static ApiServer server;

  /** Item ids per target: alerts, events with a snapshot, edges. */
  private static final Map<String, String> ALERT = new java.util.HashMap<>();

  private static final Map<String, String> SNAPSHOT = new java.util.HashMap<>();
  private static final Map<String, String> EDGE =
      Map.of("own", "edge-wuling-01", "parent", "edge-taoyuan-01", "sibling", "edge-dingcheng-01");

  @BeforeAll
  static void raiseAlertsInEveryCounty() throws Exception {
    server = new ApiServer(AlertSettings.defaults());
    // own: a key person's vehicle (王建军, KP0001) and a face match in the township; child: a
    // hotlisted plate with no person; parent: 桃源县 under the city; sibling: 鼎城区
    ALERT.put("own", alertOf(server.sight("湘JJN407", Sightings.WULING_READER)));
    EdgeEvent plate = server.sight("湘J38J91", Sightings.WULING_READER);
    ALERT.put("child", alertOf(plate));
    EdgeEvent taoyuan = server.sight("湘J3B924", "43072500001320000101");
    ALERT.put("parent", alertOf(taoyuan));
    EdgeEvent dingcheng = server.sight("湘J20E22", Sightings.DINGCHENG_READER);
    ALERT.put("sibling", alertOf(dingcheng));
    EdgeEvent face = server.faceMatched("KP0003", 0.95, cameraIn(CHILD));
    for (EdgeEvent e : List.of(plate, taoyuan, dingcheng, face)) {
      server.snapshot(e);
    }
    SNAPSHOT.putAll(
        Map.of(
            "own", face.id(),
            "child", plate.id(),
            "parent", taoyuan.id(),
            "sibling", dingcheng.id()));
    for (String edge : EDGE.values()) {
      server.edges.update(
          new EdgeStatusMessage(edge, EdgeStatusMessage.State.ONLINE, ApiServer.NOW, "test"),
          ApiServer.NOW);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> everyRoleInEveryRegionGetsWhatTheTableSays() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : Files.readAllLines(table(), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",");
      assertThat(cells).as(line).hasSize(3 + COLUMNS.length);
      for (int i = 0; i < COLUMNS.length; i++) {
        String caller = COLUMNS[i];
        String expected = cells[3 + i];
        tests.add(
            DynamicTest.dynamicTest(
                caller + " " + cells[0] + " " + cells[1] + " (" + cells[2] + ") → " + expected,
                () -> check(CALLERS.get(caller), cells[0], cells[1], cells[2], expected)));
      }
    }
    return tests.stream();
  }

  @org.junit.jupiter.api.Test
  void docsSecurityShowsThisSameTable() throws IOException {
    String docs = Files.readString(Path.of("../docs/security.md"), StandardCharsets.UTF_8);
    for (String line : Files.readAllLines(table(), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] c = line.split(",");
      String row =
          "| "
              + c[0]
              + " | `"
              + c[1]
              + "` | "
              + String.join(" | ", java.util.Arrays.copyOfRange(c, 2, c.length))
              + " |";
      assertThat(docs).as("docs/security.md, Who may do what").contains(row);
    }
  }

  static Path table() {
    return Path.of("src/test/resources/authorisation-matrix.csv");
  }

  private static void check(
      Principal caller, String method, String route, String target, String expected)
      throws Exception {
    String path = concrete(route, target);
    String[] params = regionParam(route, target);
    if (route.equals("/api/alerts/stream")) {
      checkStream(caller, path, params, expected);
      return;
    }
    HttpResponse<String> response = server.as(caller).send(method, path, params);
    String body = response.body();
    if (expected.equals("pass")) {
      assertThat(response.statusCode()).as(body).isEqualTo(404);
      assertThat(new JsonObject(body).getString("detail")).startsWith("no route");
      return;
    }
    int status = Integer.parseInt(expected.substring(0, 3));
    assertThat(response.statusCode()).as(body).isEqualTo(status);
    if (status != 200) {
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      return;
    }
    if (expected.length() > 3) {
      checkMasking(route, new JsonObject(body), expected.charAt(3));
    }
    if (route.equals("/api/map")) {
      assertThat(body).contains("\"" + OWN + "\"").doesNotContain("\"" + SIBLING + "\"");
    }
    if (route.equals("/api/devices")) {
      assertThat(body).contains("43070200001320000101").doesNotContain("43070300001320000101");
    }
    if (route.equals("/api/edges")) {
      assertThat(body).contains("edge-wuling-01").doesNotContain("edge-dingcheng-01");
    }
  }

  private static void checkStream(Principal caller, String path, String[] params, String expected)
      throws Exception {
    StringBuilder uri = new StringBuilder("http://127.0.0.1:" + server.port() + path);
    if (params.length > 0) {
      uri.append('?').append(params[0]).append('=').append(params[1]);
    }
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(uri.toString()))
                    .header("Authorization", server.bearer(caller))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      assertThat(response.statusCode()).isEqualTo(Integer.parseInt(expected.substring(0, 3)));
    }
  }

  /**
   * F: names and ID numbers whole, links present; M: masked, links withheld; N: no ID, no links.
   */
  private static void checkMasking(String route, JsonObject body, char view) {
    switch (route) {
      case "/api/alerts" -> {
        JsonObject alert = find(body.getJsonArray("alerts"), "personId", "KP0001");
        String label = alert.getJsonObject("subject").getString("label");
        assertThat(label).contains(view == 'F' ? "王建军" : "王*军");
        if (view != 'F') {
          assertThat(label).doesNotContain("王建军");
        }
      }
      case "/api/alerts/:id" -> {
        JsonObject card = body.getJsonObject("person");
        switch (view) {
          case 'F' -> {
            assertThat(card.getString("name")).isEqualTo("王建军");
            assertThat(card.getString("idNumber")).isEqualTo("430702197506070675");
            assertThat(card.getString("photos")).isEqualTo("/api/key-persons/KP0001/photos");
          }
          case 'M' -> {
            assertThat(card.getString("name")).isEqualTo("王*军");
            assertThat(card.getString("idNumber")).isEqualTo("430702********0675");
            assertThat(card.containsKey("photos")).isFalse();
            assertThat(card.getBoolean("photosWithheld")).isTrue();
          }
          default -> {
            assertThat(card.getString("name")).isEqualTo("王*军");
            assertThat(card.containsKey("idNumber")).isFalse();
            assertThat(card.containsKey("photos")).isFalse();
            assertThat(card.getBoolean("photosWithheld")).isTrue();
          }
        }
      }
      case "/api/events" -> {
        JsonObject face = find(body.getJsonArray("events"), "type", "face.matched");
        JsonObject data = face.getJsonObject("event").getJsonObject("data");
        assertThat(data.containsKey("snapshot")).isEqualTo(view == 'F');
        assertThat(data.getBoolean("photosWithheld", false)).isEqualTo(view != 'F');
      }
      default -> throw new AssertionError("no masking check for " + route);
    }
  }

  private static JsonObject find(JsonArray items, String key, String value) {
    return items.stream()
        .map(JsonObject.class::cast)
        .filter(o -> value.equals(o.getString(key)))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no item with " + key + " " + value + " in " + items));
  }

  private static String concrete(String route, String target) {
    String t = target.equals("-") ? "own" : target;
    return route
        .replace(":id/snapshot", SNAPSHOT.getOrDefault(t, "x") + "/snapshot")
        .replace("/api/alerts/:id", "/api/alerts/" + ALERT.get(t))
        .replace(":eventId", SNAPSHOT.getOrDefault(t, "x"))
        .replace(":edgeId", EDGE.getOrDefault(t, "x"))
        .replace(":id", "KP0001")
        .replace(":sha256", "0".repeat(64));
  }

  /** The {@code region} asked for by a list route: none for own (the jurisdiction applies). */
  private static String[] regionParam(String route, String target) {
    boolean list =
        route.equals("/api/alerts")
            || route.equals("/api/events")
            || route.equals("/api/alerts/stream");
    if (!list || target.equals("own") || target.equals("-")) {
      return new String[0];
    }
    String region =
        switch (target) {
          case "child" -> CHILD;
          case "parent" -> PARENT;
          default -> SIBLING;
        };
    return new String[] {"region", region};
  }

  private static String alertOf(EdgeEvent event) throws Exception {
    JsonArray alerts = server.getJson("/api/alerts").getJsonArray("alerts");
    return alerts.stream()
        .map(JsonObject.class::cast)
        .filter(a -> event.id().equals(a.getString("lastEventId")))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  private static String cameraIn(String region) {
    return Whereabouts.of(DemoCity.data()).devicesWithin(region).stream()
        .filter(id -> DemoCity.data().device(id).orElseThrow().kind().equals("camera"))
        .findFirst()
        .orElseThrow();
  }
}
