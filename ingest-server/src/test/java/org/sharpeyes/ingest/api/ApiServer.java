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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.ingest.ServerThreads;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.auth.AccessGate;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.RoutePolicy;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.dashboard.DashboardRoutes;
import org.sharpeyes.ingest.device.DeviceModule;
import org.sharpeyes.ingest.edge.EdgePresence;
import org.sharpeyes.ingest.edge.EdgeRoutes;
import org.sharpeyes.ingest.edge.EdgeSequences;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.ingest.store.DeadLetterStore;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.store.Snapshot;
import org.sharpeyes.ingest.store.SnapshotCache;
import org.sharpeyes.ingest.store.SnapshotFiles;
import org.sharpeyes.ingest.store.Snapshots;
import org.sharpeyes.ingest.store.StoreUnavailableException;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.SnapshotRef;

/**
 * The alert module and its API behind a real Vert.x HTTP server on a free port, over an H2
 * database, with the demo city and a clock fixed on the demo day, wired as the server wires them
 * (access gate, problem replies, one bounded dispatch), with the map, snapshot, edge and
 * dead-letter routes. Requests carry the token of {@link TestTokens#CITY_SUPERVISOR} unless sent
 * {@link #as} another caller; reads of personal data are recorded in {@link #audited}.
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
  final TestTokens tokens = new TestTokens();
  final List<AuditEntry> audited = new CopyOnWriteArrayList<>();
  final EdgePresence edges = new EdgePresence(100);
  final EdgeSequences sequences;
  final Snapshots snapshots;

  /** When set, the audit trail fails as a store that is down would. */
  volatile boolean auditDown;

  private final AlertApi api;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Path snapshotDir = Files.createTempDirectory("api-snapshots");
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
    AuditTrail audit =
        entry -> {
          if (auditDown) {
            throw new StoreUnavailableException("audit store down", new SQLException("down"));
          }
          audited.add(entry);
        };
    api = new AlertApi(vertx, module, db.dataSource(), clock, registry, settings, dispatch, audit);
    sequences = new EdgeSequences(100, 100, new IngestMetrics(registry));
    snapshots =
        new Snapshots(
            new SnapshotCache(1 << 20, () -> {}),
            new SnapshotFiles(
                snapshotDir,
                1 << 20,
                java.time.Duration.ofDays(1),
                clock,
                reason -> {},
                threads.factory("test-snapshots")));
    Whereabouts places = Whereabouts.of(module.reference());
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    AccessGate.install(router, tokens, RoutePolicy.standard(false), registry);
    api.mount(router);
    new DashboardRoutes(module.reference()).mount(router);
    new SnapshotRoute(
            snapshots,
            new EventStore(db.dataSource()),
            places,
            dispatch,
            new PersonalReads(audit, clock))
        .mount(router);
    new EdgeRoutes(edges, sequences, places, dispatch).mount(router);
    new DeviceModule(module, db.dataSource(), (id, note) -> {}, Runnable::run, registry)
        .routes(dispatch)
        .mount(router);
    new DeadLetterRoute(new DeadLetterStore(db.dataSource()), places, dispatch).mount(router);
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
    return stored(event);
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
                personId,
                similarity,
                0.5,
                "fr-feature-512",
                3,
                new SnapshotRef(SnapshotRef.JPEG, 4)));
    return stored(event);
  }

  /** The snapshot of {@code event}, as the pipeline keeps it. */
  void snapshot(EdgeEvent event) {
    snapshots
        .recent()
        .put(
            new Snapshot(
                event.id(), event.edgeId(), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}, NOW));
  }

  private EdgeEvent stored(EdgeEvent event) throws SQLException {
    new EventStore(db.dataSource()).insert(EventRow.of(event, codec.encode(event), NOW));
    module.listener().onStored(event, NOW.minusMillis(20));
    return event;
  }

  /** GET {@code path} as the city supervisor; {@code params} are name, value pairs. */
  HttpResponse<String> get(String path, String... params) throws IOException, InterruptedException {
    return as(TestTokens.CITY_SUPERVISOR).get(path, params);
  }

  /** The Authorization header value that authenticates as {@code caller}. */
  String bearer(Principal caller) {
    return "Bearer " + tokens.tokenOf(caller);
  }

  /** Requests as {@code caller}. */
  Caller as(Principal caller) {
    return new Caller(tokens.tokenOf(caller));
  }

  /** Sends requests with one bearer token (or none, when it is {@code null}). */
  final class Caller {
    final String token;

    Caller(String token) {
      this.token = token;
    }

    HttpResponse<String> get(String path, String... params)
        throws IOException, InterruptedException {
      return send("GET", path, params);
    }

    /** {@code method path}, with no body. */
    HttpResponse<String> send(String method, String path, String... params)
        throws IOException, InterruptedException {
      HttpRequest.Builder request = request(path, params);
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return http.send(
          request.method(method, HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonObject getJson(String path, String... params) throws IOException, InterruptedException {
      return new JsonObject(get(path, params).body());
    }
  }

  /** A request with no Authorization header, or with {@code header} as it. */
  HttpResponse<String> anonymous(String method, String path, String header)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path);
    if (header != null) {
      request.header("Authorization", header);
    }
    return http.send(
        request.method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path, String... params) {
    StringBuilder uri = new StringBuilder("http://127.0.0.1:" + port() + path);
    for (int i = 0; i < params.length; i += 2) {
      uri.append(i == 0 ? '?' : '&')
          .append(params[i])
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    return HttpRequest.newBuilder(URI.create(uri.toString())).timeout(REQUEST_TIMEOUT);
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
