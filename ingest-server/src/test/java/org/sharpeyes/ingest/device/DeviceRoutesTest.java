package org.sharpeyes.ingest.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.ingest.device.DeviceFixture.READER;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.ServerThreads;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.auth.AccessGate;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.RoutePolicy;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.HttpConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.testing.MutableClock;

/** {@code GET /api/devices} behind a real Vert.x HTTP server on a free port, over H2. */
class DeviceRoutesTest {

  private static final Principal WULING = TestTokens.caller("op.wuling", Role.OPERATOR, "430702");
  private static final Principal DINGCHENG =
      TestTokens.caller("op.dingcheng", Role.OPERATOR, "430703");

  private final Vertx vertx = Vertx.vertx();
  private final ServerThreads threads = new ServerThreads();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestTokens tokens = new TestTokens();
  private final TestDatabase db = TestDatabase.h2();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
  private DeviceFixture server;
  private IngestHttpServer http1;

  @BeforeEach
  void start() throws Exception {
    server = new DeviceFixture(db, clock, Runnable::run);
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    AccessGate.install(router, tokens, RoutePolicy.standard(false), new SimpleMeterRegistry());
    BlockingDispatch.Bounds bounds = BlockingDispatch.Bounds.DEFAULT;
    server
        .devices
        .routes(
            new BlockingDispatch(
                threads.pool("test-http", bounds.threads()), bounds, new SimpleMeterRegistry()))
        .mount(router);
    http1 = IngestHttpServer.start(vertx, new HttpConfig("127.0.0.1", 0), router);
  }

  @AfterEach
  void stop() throws Exception {
    http1.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    threads.close();
    server.close();
    db.close();
  }

  private HttpResponse<String> get(Principal caller, String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http1.port() + pathAndQuery))
            .header("Authorization", "Bearer " + tokens.tokenOf(caller))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<JsonObject> devices(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonArray devices = new JsonObject(response.body()).getJsonArray("devices");
    return devices.stream().map(JsonObject.class::cast).toList();
  }

  /** Devices of devices.csv whose grid cell lies in the county. */
  private static int listedIn(String county) {
    return Whereabouts.of(DemoCity.data()).devicesWithin(county).size();
  }

  @Test
  void anOperatorSeesTheDevicesOfTheirCountyWithTheirStateAndOpenAlert() throws Exception {
    server.report(READER, DeviceStatus.Availability.OFFLINE, "no answer");
    clock.advance(Duration.ofMinutes(6));
    server.tick();
    String alertId = server.offlineAlerts(READER).get(0).id();

    List<JsonObject> seen = devices(get(WULING, "/api/devices"));

    assertThat(seen).extracting(d -> d.getString("id")).allMatch(id -> id.startsWith("430702"));
    assertThat(seen).hasSize(listedIn("430702"));
    JsonObject reader =
        seen.stream().filter(d -> READER.equals(d.getString("id"))).findFirst().orElseThrow();
    assertThat(reader.getString("availability")).isEqualTo("offline");
    assertThat(reader.getString("since")).isEqualTo("2026-12-01T02:00:00Z");
    assertThat(reader.getString("reason")).isEqualTo("no answer");
    assertThat(reader.getString("name")).isEqualTo("火车站卡口");
    assertThat(reader.getString("kind")).isEqualTo("plate-reader");
    assertThat(reader.getString("edgeId")).isEqualTo("edge-wuling-01");
    assertThat(reader.getJsonArray("regions").getList()).startsWith("430700", "430702");
    assertThat(reader.getString("gridCode")).startsWith("430702002001");
    assertThat(reader.getString("lastReportAt")).isEqualTo("2026-12-01T02:00:00Z");
    assertThat(reader.getString("openAlertId")).isEqualTo(alertId);
    assertThat(seen)
        .filteredOn(d -> !READER.equals(d.getString("id")))
        .allSatisfy(d -> assertThat(d.getString("availability")).isEqualTo("unknown"));
  }

  @Test
  void anOperatorOfAnotherCountyDoesNotSeeThem() throws Exception {
    server.report(READER, DeviceStatus.Availability.OFFLINE, "no answer");

    List<JsonObject> seen = devices(get(DINGCHENG, "/api/devices"));

    assertThat(seen).extracting(d -> d.getString("id")).noneMatch(id -> id.startsWith("430702"));
    assertThat(seen).isNotEmpty();
    HttpResponse<String> refused = get(DINGCHENG, "/api/devices?region=430702");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
  }

  @Test
  void statusAndRegionFilterTheList() throws Exception {
    server.report(READER, DeviceStatus.Availability.OFFLINE, "no answer");
    server.report("43070200001310000001", DeviceStatus.Availability.ONLINE, null);

    assertThat(devices(get(WULING, "/api/devices?status=offline")))
        .extracting(d -> d.getString("id"))
        .containsExactly(READER);
    assertThat(devices(get(WULING, "/api/devices?status=offline&status=online")))
        .extracting(d -> d.getString("id"))
        .containsExactly("43070200001310000001", READER);
    assertThat(devices(get(WULING, "/api/devices?region=430702001&status=offline"))).isEmpty();
    assertThat(devices(get(TestTokens.CITY_SUPERVISOR, "/api/devices?region=430703")))
        .hasSize(listedIn("430703"));
  }

  @Test
  void badParametersAreAProblemNamingEachOne() throws Exception {
    HttpResponse<String> r = get(WULING, "/api/devices?status=asleep&region=999999&colour=red");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(r.body()).contains("asleep", "999999", "colour");
  }

  @Test
  void aGridWorkerMayNotListDevices() throws Exception {
    Principal worker = TestTokens.caller("he.grid", Role.GRID_WORKER, "430702002001");
    assertThat(get(worker, "/api/devices").statusCode()).isEqualTo(403);
  }
}
