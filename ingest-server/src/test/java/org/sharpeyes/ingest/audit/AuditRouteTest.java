package org.sharpeyes.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.ServerThreads;
import org.sharpeyes.ingest.config.HttpConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.store.Database;

/** {@code GET /api/audit} behind a real HTTP listener, on H2. */
class AuditRouteTest {

  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

  private final Vertx vertx = Vertx.vertx();
  private final ServerThreads threads = new ServerThreads();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestStore store;
  private JdbcAuditTrail trail;
  private IngestHttpServer server;

  @BeforeEach
  void start() {
    store = TestStore.h2();
    Database db = store.open();
    trail = new JdbcAuditTrail(db.dataSource(), new AuditMetrics(new SimpleMeterRegistry()));
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    BlockingDispatch.Bounds bounds = BlockingDispatch.Bounds.DEFAULT;
    new AuditRoute(
            new AuditSearch(db.dataSource()),
            new BlockingDispatch(
                threads.pool("test-http", bounds.threads()), bounds, new SimpleMeterRegistry()))
        .mount(router);
    server = IngestHttpServer.start(vertx, new HttpConfig("127.0.0.1", 0), router);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    threads.close();
    store.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void record(int minute, String user, String action, String subject, String outcome) {
    trail.record(
        new AuditEntry(
            T0.plusSeconds(60L * minute), user, "10.0.0." + minute, action, subject, outcome, ""));
  }

  private static List<Object> seqs(HttpResponse<String> response) {
    JsonArray records = new JsonObject(response.body()).getJsonArray("records");
    return records.stream().map(r -> ((JsonObject) r).getValue("seq")).toList();
  }

  @Test
  void recordsComeNewestFirstWithWhoWhatWhenWhereAndTheirHashes() throws Exception {
    record(1, "wang.fang", "login", "wang.fang", "ok");
    record(2, "wang.fang", "person.read", "kp-0007", "ok");

    HttpResponse<String> response = get("/api/audit");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getInteger("count")).isEqualTo(2);
    assertThat(body.getValue("nextBefore")).isNull();
    JsonObject newest = body.getJsonArray("records").getJsonObject(0);
    assertThat(newest.getLong("seq")).isEqualTo(2);
    assertThat(newest.getString("user")).isEqualTo("wang.fang");
    assertThat(newest.getString("from")).isEqualTo("10.0.0.2");
    assertThat(newest.getString("action")).isEqualTo("person.read");
    assertThat(newest.getString("subject")).isEqualTo("kp-0007");
    assertThat(newest.getString("outcome")).isEqualTo("ok");
    assertThat(newest.getString("at")).isEqualTo("2026-06-01T08:02:00Z");
    assertThat(newest.getString("hash")).hasSize(64);
  }

  @Test
  void filtersByUserActionSubjectAndTime() throws Exception {
    record(1, "wang.fang", "login", "wang.fang", "ok");
    record(2, "wang.fang", "person.read", "kp-0007", "ok");
    record(3, "sun.lei", "person.read", "kp-0007", "ok");
    record(4, "sun.lei", "login", "sun.lei", "refused");

    assertThat(seqs(get("/api/audit?user=sun.lei"))).containsExactly(4, 3);
    assertThat(seqs(get("/api/audit?action=person.read"))).containsExactly(3, 2);
    assertThat(seqs(get("/api/audit?subject=kp-0007&user=wang.fang"))).containsExactly(2);
    assertThat(seqs(get("/api/audit?since=2026-06-01T08:02:00Z&until=2026-06-01T08:04:00Z")))
        .containsExactly(3, 2);
  }

  @Test
  void pagesFollowTheBeforeCursorUntilTheOldestRow() throws Exception {
    for (int i = 1; i <= 5; i++) {
      record(i, "zhou.yan", "snapshot.read", "ev-" + i, "ok");
    }

    JsonObject first = new JsonObject(get("/api/audit?limit=2").body());
    JsonObject second =
        new JsonObject(get("/api/audit?limit=2&before=" + first.getLong("nextBefore")).body());
    JsonObject third =
        new JsonObject(get("/api/audit?limit=2&before=" + second.getLong("nextBefore")).body());

    assertThat(first.getLong("nextBefore")).isEqualTo(4);
    assertThat(second.getJsonArray("records").getJsonObject(0).getLong("seq")).isEqualTo(3);
    assertThat(second.getLong("nextBefore")).isEqualTo(2);
    assertThat(third.getInteger("count")).isEqualTo(1);
    assertThat(third.getValue("nextBefore")).isNull();
  }

  @Test
  void badParametersAreA400ProblemNamingEachOne() throws Exception {
    HttpResponse<String> response = get("/api/audit?limit=5000&before=-3&since=yesterday&actor=x");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type")).hasValue(ProblemReplies.MEDIA_TYPE);
    JsonArray errors = new JsonObject(response.body()).getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("path")))
        .containsExactlyInAnyOrder("query.limit", "query.before", "query.since", "query.actor");
  }
}
