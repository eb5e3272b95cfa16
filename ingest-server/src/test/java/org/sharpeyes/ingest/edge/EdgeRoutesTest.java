package org.sharpeyes.ingest.edge;

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
import org.sharpeyes.ingest.auth.AccessGate;
import org.sharpeyes.ingest.auth.RoutePolicy;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.HttpConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.schema.topic.EdgeStatusMessage;

/** The edge routes behind a real Vert.x HTTP server on a free port. */
class EdgeRoutesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private final Vertx vertx = Vertx.vertx();
  private final ServerThreads threads = new ServerThreads();
  private final HttpClient http = HttpClient.newHttpClient();
  private final EdgePresence presence = new EdgePresence(100);
  private final EdgeSequences sequences =
      new EdgeSequences(100, 100, new IngestMetrics(new SimpleMeterRegistry()));
  private final TestTokens tokens = new TestTokens();
  private IngestHttpServer server;

  @BeforeEach
  void start() {
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    AccessGate.install(router, tokens, RoutePolicy.standard(false), new SimpleMeterRegistry());
    BlockingDispatch.Bounds bounds = BlockingDispatch.Bounds.DEFAULT;
    new EdgeRoutes(
            presence,
            sequences,
            Whereabouts.of(DemoCity.data()),
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
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + tokens.tokenOf(TestTokens.CITY_SUPERVISOR))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void status(String edgeId, EdgeStatusMessage.State state, Instant time, Instant at) {
    presence.update(new EdgeStatusMessage(edgeId, state, time, "test"), at);
  }

  private void stored(String edgeId, long... seqs) {
    for (long seq : seqs) {
      sequences.record(edgeId, seq, T0.plusSeconds(seq));
    }
  }

  @Test
  void listShowsEveryKnownEdgeWithItsStatusAndItsGaps() throws Exception {
    status("edge-a", EdgeStatusMessage.State.ONLINE, T0, T0.plusSeconds(1));
    stored("edge-a", 1, 2, 5, 4);
    status("edge-b", EdgeStatusMessage.State.OFFLINE, T0, T0.plusSeconds(30));
    stored("edge-c", 1);

    HttpResponse<String> response = get("/api/edges");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    JsonArray edges = new JsonObject(response.body()).getJsonArray("edges");
    assertThat(edges.stream().map(e -> ((JsonObject) e).getString("edgeId")))
        .containsExactly("edge-a", "edge-b", "edge-c");
    JsonObject a = edges.getJsonObject(0);
    assertThat(a.getString("status")).isEqualTo("online");
    assertThat(a.getString("agentVersion")).isEqualTo("test");
    assertThat(a.getString("statusSince")).isEqualTo(T0.toString());
    assertThat(a.getLong("lastSeq")).isEqualTo(5);
    assertThat(a.getLong("eventsStored")).isEqualTo(4);
    assertThat(a.getLong("missingSeqs")).isEqualTo(1);
    assertThat(a.getJsonArray("gaps"))
        .isEqualTo(new JsonArray().add(new JsonObject().put("from", 3).put("to", 3)));
    assertThat(a.getLong("reordered")).isEqualTo(1);
    assertThat(a.getString("lastEventAt")).isEqualTo(T0.plusSeconds(5).toString());
    assertThat(a.getInteger("epoch")).isEqualTo(1);
    JsonObject b = edges.getJsonObject(1);
    assertThat(b.getString("status")).isEqualTo("offline");
    assertThat(b.getString("statusSince")).isEqualTo(T0.plusSeconds(30).toString());
    assertThat(b.getLong("lastSeq")).isZero();
    assertThat(b.getString("lastEventAt")).isNull();
    JsonObject c = edges.getJsonObject(2);
    assertThat(c.getString("status")).isEqualTo("unknown");
    assertThat(c.getString("statusSince")).isNull();
    assertThat(c.getLong("lastSeq")).isEqualTo(1);
  }

  @Test
  void oneEdgeIsServedByItsId() throws Exception {
    stored("edge-a", 1, 3);

    HttpResponse<String> response = get("/api/edges/edge-a");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject a = new JsonObject(response.body());
    assertThat(a.getString("edgeId")).isEqualTo("edge-a");
    assertThat(a.getLong("missingSeqs")).isEqualTo(1);
    assertThat(a.getString("status")).isEqualTo("unknown");
  }

  @Test
  void unknownEdgeAnswersA404Problem() throws Exception {
    HttpResponse<String> response = get("/api/edges/edge-nobody");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("type")).isEqualTo("https://sharpeyes.org/problems/not-found");
    assertThat(body.getString("detail")).contains("edge-nobody");
  }

  @Test
  void gapsListStopsAtTwentyAndSaysItDoes() throws Exception {
    for (long seq = 1; seq <= 51; seq += 2) {
      stored("edge-a", seq);
    }

    JsonObject a = new JsonObject(get("/api/edges/edge-a").body());

    assertThat(a.getLong("missingSeqs")).isEqualTo(25);
    assertThat(a.getJsonArray("gaps")).hasSize(EdgeRoutes.LISTED_GAPS);
    assertThat(a.getJsonArray("gaps").getJsonObject(0))
        .isEqualTo(new JsonObject().put("from", 2).put("to", 2));
    assertThat(a.getBoolean("gapsTruncated")).isTrue();
  }

  @Test
  void emptyServerListsNoEdges() throws Exception {
    assertThat(new JsonObject(get("/api/edges").body()).getJsonArray("edges"))
        .isEqualTo(new JsonArray(List.of()));
  }
}
