package org.sharpeyes.ingest.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.ingest.ServerThreads;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.dashboard.DashboardRoutes;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.VehicleSighted;

/**
 * The alert module and its API behind a real Vert.x HTTP server on a free port, over an H2
 * database, with the demo city and a clock fixed on the demo day, wired as the server wires them
 * (problem replies, one bounded dispatch).
 */
final class ApiServer implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

  /** A request the server leaves unanswered fails the test instead of hanging the build. */
  static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(30);

  final Vertx vertx = Vertx.vertx();
  final TestDatabase db = TestDatabase.h2();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ServerThreads threads = new ServerThreads();
  final BlockingDispatch dispatch;
  final AlertModule module;
  private final AlertApi api;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final EventCodec codec = new EventCodec();
  private int sightings;

  ApiServer(AlertSettings settings) throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    BlockingDispatch.Bounds bounds = BlockingDispatch.Bounds.DEFAULT;
    dispatch = new BlockingDispatch(threads.pool("test-http", bounds.threads()), bounds, registry);
    module =
        new AlertModule(
            db.dataSource(),
            DemoCity.DIR,
            clock,
            registry,
            settings,
            threads.scheduler("test-rule"));
    api = new AlertApi(vertx, module, db.dataSource(), clock, registry, settings, dispatch);
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    api.mount(router);
    new DashboardRoutes(module.reference()).mount(router);
    server =
        await(
            vertx
                .createHttpServer(IngestHttpServer.options("127.0.0.1", 0))
                .requestHandler(router)
                .listen());
  }

  int port() {
    return server.actualPort();
  }

  /** A plate read stored by the pipeline: in the events table, then told to the listener. */
  EdgeEvent sight(String plate, String deviceId) throws SQLException {
    EdgeEvent event = Sightings.vehicle(plate, deviceId, NOW.minusSeconds(600 - sightings++));
    return stored(event, ((VehicleSighted) event.data()).plateNumber());
  }

  /** A face match from a camera stored by the pipeline, then told to the listener. */
  EdgeEvent faceMatched(String personId, double similarity, String deviceId) throws SQLException {
    EdgeEvent event =
        new EdgeEvent(
            java.util.UUID.randomUUID().toString(),
            "edge-wuling-01",
            deviceId,
            1,
            NOW.minusSeconds(600 - sightings++),
            new org.sharpeyes.schema.event.FaceMatched(
                personId, similarity, 0.5, "fr-feature-512", 3, null));
    return stored(event, null);
  }

  private EdgeEvent stored(EdgeEvent event, String plate) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO events (id, type, edge_id, device_id, seq, event_time, received_at,"
                    + " plate, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, event.id());
      ps.setString(2, event.type().kind());
      ps.setString(3, event.edgeId());
      ps.setString(4, event.deviceId());
      ps.setLong(5, event.seq());
      ps.setObject(6, event.time().atOffset(ZoneOffset.UTC));
      ps.setObject(7, NOW.atOffset(ZoneOffset.UTC));
      ps.setString(8, plate);
      ps.setString(9, new String(codec.encode(event), StandardCharsets.UTF_8));
      ps.executeUpdate();
    }
    module.listener().onStored(event, NOW.minusMillis(20));
    return event;
  }

  /** GET {@code path} with query values URL-encoded; {@code params} are name, value pairs. */
  HttpResponse<String> get(String path, String... params) throws IOException, InterruptedException {
    StringBuilder uri = new StringBuilder("http://127.0.0.1:" + port() + path);
    for (int i = 0; i < params.length; i += 2) {
      uri.append(i == 0 ? '?' : '&')
          .append(params[i])
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    return http.send(
        HttpRequest.newBuilder(URI.create(uri.toString())).timeout(REQUEST_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  JsonObject getJson(String path, String... params) throws IOException, InterruptedException {
    return new JsonObject(get(path, params).body());
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    api.close();
    module.close();
    await(vertx.close());
    threads.close();
    db.close();
  }
}
