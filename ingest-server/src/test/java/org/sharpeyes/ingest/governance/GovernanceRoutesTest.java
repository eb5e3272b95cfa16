package org.sharpeyes.ingest.governance;

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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.RoutePolicy;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.HttpConfig;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.reference.DemoCity;

/**
 * The governance routes behind a real HTTP listener: the caller is the principal the access gate
 * would have left (named by the bearer token), so what is tested is what the routes answer.
 */
class GovernanceRoutesTest {

  static final Principal CITY = TestTokens.CITY_SUPERVISOR;
  static final Principal LIUWAN = TestTokens.caller("liuwan", Role.SUPERVISOR, "430702001");

  final TestDatabase db = TestDatabase.h2();
  final Vertx vertx = Vertx.vertx();
  final ExecutorService workers = Executors.newFixedThreadPool(2);
  final HttpClient http = HttpClient.newHttpClient();
  IngestHttpServer server;

  @BeforeEach
  void start() throws Exception {
    AlertHistory h = new AlertHistory();
    h.raised("43070200100101", "2026-11-03T02:00:00Z")
        .acknowledgedAfter(Duration.ofMinutes(10))
        .resolvedAfter(Duration.ofHours(2));
    h.raised("43070200200101", "2026-11-04T02:00:00Z");
    h.insertInto(db.dataSource());
    Clock clock = Clock.fixed(Instant.parse("2026-12-20T00:00:00Z"), ZoneOffset.UTC);
    GovernanceIndex index =
        new GovernanceIndex(db.dataSource(), WorkflowConfig.defaults(), DemoCity.data(), clock);
    BlockingDispatch dispatch =
        new BlockingDispatch(workers, BlockingDispatch.Bounds.DEFAULT, new SimpleMeterRegistry());
    Map<String, Principal> callers = Map.of("city", CITY, "liuwan", LIUWAN);
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    router
        .route()
        .handler(
            ctx -> {
              String auth = ctx.request().getHeader("Authorization");
              ctx.put(Principal.CONTEXT_KEY, callers.get(auth.substring("Bearer ".length())));
              ctx.next();
            });
    new GovernanceRoutes(index, Whereabouts.of(DemoCity.data()), dispatch).mount(router);
    server = IngestHttpServer.start(vertx, new HttpConfig("127.0.0.1", 0), router);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    workers.shutdownNow();
    db.close();
  }

  @Test
  void theReportListsTheUnitsOfTheLevelWithTheirFiguresAndTheWeights() throws Exception {
    HttpResponse<String> r = get("city", "/api/governance?level=grid&month=2026-11");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("month")).isEqualTo("2026-11");
    assertThat(body.getString("level")).isEqualTo("grid");
    assertThat(body.getJsonObject("weights").getDouble("acknowledgedOnTime")).isEqualTo(0.25);
    JsonObject first = body.getJsonArray("units").getJsonObject(0);
    assertThat(first.getString("code")).isEqualTo("43070200100101");
    assertThat(first.getString("name")).isEqualTo("柳湾社区第1网格");
    assertThat(first.getInteger("rank")).isEqualTo(1);
    assertThat(first.getDouble("score")).isEqualTo(100.0);
    assertThat(first.getLong("ackMedianSeconds")).isEqualTo(600);
    assertThat(first.getLong("resolveP90Seconds")).isEqualTo(7200);
    assertThat(first.getDouble("withinGridShare")).isEqualTo(1.0);
    assertThat(first.containsKey("previousRank")).isTrue();
    assertThat(body.getJsonObject("total").getLong("received")).isEqualTo(2);
  }

  @Test
  void aTownshipSupervisorSeesOnlyItsOwnGridsWithTheCitysRanksAndNoCityTotal() throws Exception {
    JsonObject body =
        new JsonObject(get("liuwan", "/api/governance?level=grid&month=2026-11").body());

    JsonArray units = body.getJsonArray("units");
    assertThat(units.stream().map(u -> ((JsonObject) u).getString("code")))
        .isNotEmpty()
        .allSatisfy(code -> assertThat(code).startsWith("430702001"));
    assertThat(body.getInteger("ranked")).isEqualTo(2);
    assertThat(body.getValue("total")).isNull();
    assertThat(get("liuwan", "/api/governance/trend?code=430702002").statusCode())
        .as("a township outside the jurisdiction")
        .isEqualTo(403);
  }

  @Test
  void theCsvOpensInExcelWithChineseNames() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            request("city", "/api/governance.csv?level=village&month=2026-11").build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    byte[] b = r.body();
    assertThat(new byte[] {b[0], b[1], b[2]})
        .as("UTF-8 byte order mark")
        .containsExactly(0xEF, 0xBB, 0xBF);
    String[] lines = new String(b, StandardCharsets.UTF_8).substring(1).split("\r\n");
    assertThat(lines[0]).startsWith("rank,previous_rank,rank_change,code,name,level,score");
    assertThat(lines[1]).startsWith("1,,,430702001001,柳湾社区,village,100.0,");
  }

  @Test
  void aBadMonthOrLevelIsA400NamingTheParameter() throws Exception {
    HttpResponse<String> month = get("city", "/api/governance?month=2026-13");
    HttpResponse<String> future = get("city", "/api/governance?month=2027-01");
    HttpResponse<String> level = get("city", "/api/governance.csv?level=city");

    assertThat(month.statusCode()).isEqualTo(400);
    assertThat(month.body()).contains("query.month").contains("YYYY-MM");
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(future.body()).contains("after the current month 2026-12");
    assertThat(level.statusCode()).isEqualTo(400);
    assertThat(level.body()).contains("query.level");
    assertThat(get("city", "/api/governance/trend?code=99&months=30").body())
        .contains("query.code")
        .contains("query.months");
  }

  @Test
  void aTrendDefaultsToSixMonthsEndingThisMonth() throws Exception {
    JsonObject body = new JsonObject(get("city", "/api/governance/trend?code=430702001001").body());

    assertThat(body.getString("name")).isEqualTo("柳湾社区");
    assertThat(body.getJsonArray("months")).hasSize(6);
    JsonObject november = body.getJsonArray("months").getJsonObject(4);
    assertThat(november.getString("month")).isEqualTo("2026-11");
    assertThat(november.getDouble("score")).isEqualTo(100.0);
  }

  @Test
  void aCitySupervisorHasAMonthComputedAgainAfterItsAlertsChanged() throws Exception {
    get("city", "/api/governance?level=grid&month=2026-11");
    AlertHistory late = new AlertHistory();
    late.raised("43070200100101", "2026-11-20T02:00:00Z");
    late.insertInto(db.dataSource());

    HttpResponse<String> township = post("liuwan", "/api/governance/recompute?month=2026-11");
    HttpResponse<String> city = post("city", "/api/governance/recompute?month=2026-11");

    assertThat(township.statusCode()).isEqualTo(403);
    assertThat(township.body()).contains("only a city-wide supervisor");
    assertThat(city.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(city.body()).getLong("received")).isEqualTo(3);
    JsonObject report =
        new JsonObject(get("city", "/api/governance?level=grid&month=2026-11").body());
    assertThat(report.getJsonObject("total").getLong("received")).isEqualTo(3);
  }

  @Test
  void onlySupervisorsMayReadTheGovernanceFigures() {
    RoutePolicy policy = RoutePolicy.standard(false);
    for (String path :
        new String[] {"/api/governance", "/api/governance.csv", "/api/governance/trend"}) {
      assertThat(policy.decide("GET", path, CITY)).isInstanceOf(RoutePolicy.Allowed.class);
      assertThat(policy.decide("GET", path, TestTokens.caller("o", Role.OPERATOR, "430700")))
          .isInstanceOf(RoutePolicy.Forbidden.class);
    }
  }

  private HttpRequest.Builder request(String caller, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", "Bearer " + caller);
  }

  private HttpResponse<String> post(String caller, String path) throws Exception {
    return http.send(
        request(caller, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String caller, String path) throws Exception {
    return http.send(request(caller, path).build(), HttpResponse.BodyHandlers.ofString());
  }
}
