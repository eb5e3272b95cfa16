package org.sharpeyes.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.schema.topic.EdgeStatusMessage;

/**
 * Every route family of the server as the command line runs it (alerts, events, live feed, edges,
 * dead letters, snapshots, enrolment, metrics), seen by a client that gets things wrong: each error
 * is a problem with the right status, and a full dispatch is a 503 everywhere but {@code /healthz}.
 */
class RouteProblemsTest {

  private static final Path DEMO_CITY = Path.of("../config/demo-city");
  private static final String NO_PHOTO = "0".repeat(64);

  @TempDir static Path dataDir;
  private static IngestServer server;
  private static String supervisor;
  private static String admin;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server =
        IngestServer.start(
            TestLogins.withTestUsers(IngestServerConfig.ephemeral(dataDir))
                .withReferenceData(DEMO_CITY),
            Clock.systemUTC(),
            StandardExtensions.all());
    await().until(server::brokerConnected); // else /healthz is rightly DOWN
    supervisor = TestLogins.bearer(server.httpPort(), TestLogins.SUPERVISOR);
    admin = TestLogins.bearer(server.httpPort(), TestLogins.ADMIN);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .header("Authorization", supervisor);
  }

  /** Photos are reference data: an admin's. */
  private static HttpRequest.Builder asAdmin(String path) {
    return request(path).setHeader("Authorization", admin);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(request(path).build());
  }

  private static HttpRequest postPhoto(byte[] body) {
    return asAdmin("/api/key-persons/KP0001/photos")
        .header("Content-Type", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static JsonObject problem(HttpResponse<String> response, int status, String slug) {
    String route = response.request().method() + " " + response.request().uri().getPath();
    assertThat(response.statusCode()).as(route).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .as(route)
        .hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type"))
        .as(route)
        .isEqualTo("https://sharpeyes.org/problems/" + slug);
    assertThat(problem.getInteger("status")).as(route).isEqualTo(status);
    return problem;
  }

  private static String firstErrorPath(JsonObject problem) {
    return problem.getJsonArray("errors").getJsonObject(0).getString("path");
  }

  @Test
  void aBadParameterOfAnyFamilyIsA400NamingItsPath() throws Exception {
    assertThat(firstErrorPath(problem(get("/api/alerts?limit=0"), 400, "bad-request")))
        .isEqualTo("query.limit");
    assertThat(firstErrorPath(problem(get("/api/alerts/stream?region=99"), 400, "bad-request")))
        .isEqualTo("query.region");
    assertThat(firstErrorPath(problem(get("/api/events?since=yesterday"), 400, "bad-request")))
        .isEqualTo("query.since");
    assertThat(firstErrorPath(problem(get("/api/dead-letters?limit=501"), 400, "bad-request")))
        .isEqualTo("query.limit");
    assertThat(firstErrorPath(problem(send(postPhoto(new byte[0])), 400, "bad-request")))
        .isEqualTo("body");
  }

  @Test
  void anUnknownIdOfAnyFamilyIsA404() throws Exception {
    problem(get("/api/alerts/no-such-alert"), 404, "not-found");
    problem(get("/api/edges/edge-nobody"), 404, "not-found");
    problem(get("/api/events/no-such-event/snapshot"), 404, "not-found");
    problem(get("/api/snapshots/no-such-event"), 404, "not-found");
    problem(get("/api/key-persons/KP9999/photos"), 404, "not-found");
    problem(get("/api/key-persons/KP0001/photos/" + NO_PHOTO), 404, "not-found");
    problem(
        send(asAdmin("/api/key-persons/KP0001/photos/" + NO_PHOTO).DELETE().build()),
        404,
        "not-found");
    problem(get("/no/such/route"), 404, "not-found");
    problem(send(request("/api/alerts").DELETE().build()), 405, "method-not-allowed");
  }

  @Test
  void everyBlockingRouteAnswers503WithRetryAfterWhileTheDispatchIsFullButHealthStillAnswers()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BlockingDispatch dispatch = server.dispatch();
    try {
      for (int i = 0; i < BlockingDispatch.DEFAULT_MAX_PENDING; i++) {
        dispatch.submit("test-hold", () -> release.await(60, TimeUnit.SECONDS));
      }
      await().until(() -> dispatch.pending() == BlockingDispatch.DEFAULT_MAX_PENDING);
      List<HttpRequest> blocking =
          List.of(
              request("/api/alerts").build(),
              request("/api/alerts/some-alert").build(),
              request("/api/events").build(),
              request("/api/edges").build(),
              request("/api/dead-letters").build(),
              request("/api/events/some-event/snapshot").build(),
              request("/api/snapshots/some-event").build(),
              request("/api/watchlist").build(),
              request("/api/key-persons/KP0001/photos").build(),
              request("/api/key-persons/KP0001/photos/" + NO_PHOTO).build(),
              asAdmin("/api/key-persons/KP0001/photos/" + NO_PHOTO).DELETE().build(),
              postPhoto(new byte[] {(byte) 0xFF, (byte) 0xD8}),
              request("/metrics").build());

      for (HttpRequest r : blocking) {
        HttpResponse<String> refused = send(r);
        problem(refused, 503, "busy");
        assertThat(refused.headers().firstValue("Retry-After")).as(r.uri().getPath()).hasValue("5");
      }
      assertThat(get("/healthz").statusCode()).isEqualTo(200);
    } finally {
      release.countDown();
    }
    await().until(() -> dispatch.pending() == 0);
    assertThat(get("/api/alerts").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").body())
        .contains("sharpeyes_api_busy_total{route=\"/api/alerts/{id}\"} 1.0");
  }

  @Test
  void healthzStaysASmallSummaryWithTenThousandEdgesWhichApiEdgesLists() throws Exception {
    int edges = server.config().ingest().maxEdges();
    Instant now = Instant.now();
    for (int i = 0; i < edges; i++) {
      EdgeStatusMessage.State state =
          i % 2 == 0 ? EdgeStatusMessage.State.ONLINE : EdgeStatusMessage.State.OFFLINE;
      server.edges().update(new EdgeStatusMessage("edge-" + i, state, now, "1.0"), now);
    }

    HttpResponse<String> health = get("/healthz");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).hasSizeLessThan(1024).doesNotContain("edge-1");
    JsonObject summary = new JsonObject(health.body()).getJsonObject("edges");
    assertThat(summary.getInteger("known")).isEqualTo(edges);
    assertThat(summary.getInteger("online")).isEqualTo(edges / 2);
    assertThat(new JsonObject(get("/api/edges").body()).getJsonArray("edges")).hasSize(edges);
  }
}
