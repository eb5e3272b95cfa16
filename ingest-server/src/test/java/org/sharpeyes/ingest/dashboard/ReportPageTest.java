package org.sharpeyes.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.config.HttpConfig;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.reference.DemoCity;

/** The monthly report page and the chart library it draws with, both served from the jar. */
class ReportPageTest {

  final Vertx vertx = Vertx.vertx();
  final HttpClient http = HttpClient.newHttpClient();
  IngestHttpServer server;

  @BeforeEach
  void start() {
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    new DashboardRoutes(DemoCity.data()).mount(router);
    server = IngestHttpServer.start(vertx, new HttpConfig("127.0.0.1", 0), router);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void theReportPageSignsInLikeTheDashboardAndLoadsEChartsFromThisServer() throws Exception {
    HttpResponse<String> page = get("/dashboard/report.html");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("report.js", "id=\"login-form\"", "id=\"ranking\"")
        .contains("src=\"webjars/echarts/5.3.1/dist/echarts.min.js\"");
    assertThat(page.headers().firstValue("content-security-policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(get("/dashboard/report.js").body()).contains("./session.js", "/api/governance");
  }

  @Test
  void theEChartsWebjarIsServedUnderTheDashboard() throws Exception {
    HttpResponse<String> lib = get("/dashboard/webjars/echarts/5.3.1/dist/echarts.min.js");

    assertThat(lib.statusCode()).isEqualTo(200);
    assertThat(lib.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    assertThat(lib.body()).contains("echarts");
    assertThat(get("/dashboard/webjars/echarts/5.3.1/package.json").statusCode()).isEqualTo(200);
    assertThat(get("/dashboard/no-such-file.js").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
