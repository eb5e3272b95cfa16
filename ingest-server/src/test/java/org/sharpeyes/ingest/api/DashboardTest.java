package org.sharpeyes.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.alert.AlertSettings;

class DashboardTest {

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
  void theServerRootLeadsAnOperatorToTheDashboard() throws Exception {
    HttpResponse<String> root = server.get("/");

    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("location")).hasValue("/dashboard/");
  }

  @Test
  void dashboardPageAndItsScriptsAreServedWithoutAToken() throws Exception {
    HttpResponse<String> page = server.get("/dashboard/");
    HttpResponse<String> feed = server.get("/dashboard/feed.js");
    HttpResponse<String> session = server.get("/dashboard/session.js");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("dashboard.js", "id=\"alerts\"", "id=\"login-form\"");
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.body()).contains("text/event-stream").doesNotContain("new EventSource");
    assertThat(session.body()).contains("/api/auth/login", "sessionStorage", "Bearer ");
  }

  @Test
  void dashboardPageAllowsScriptsAndConnectionsOnlyFromItsOwnServer() throws Exception {
    HttpResponse<String> page = server.get("/dashboard/");

    assertThat(page.headers().firstValue("content-security-policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
  }

  @Test
  void mapHoldsEveryGridCellDeviceAndRegionOfTheCity() throws Exception {
    JsonObject map = server.getJson("/api/map");

    JsonArray cells = map.getJsonObject("grids").getJsonArray("features");
    assertThat(cells).hasSize(40);
    JsonObject cell = cells.getJsonObject(0);
    assertThat(cell.getJsonObject("geometry").getString("type")).isEqualTo("Polygon");
    assertThat(cell.getJsonObject("properties").getString("code")).hasSize(14);
    assertThat(map.getJsonArray("devices")).hasSize(31);
    assertThat(
            map.getJsonArray("devices").stream().map(d -> ((JsonObject) d).getString("gridCode")))
        .doesNotContainNull();
    assertThat(map.getJsonArray("regions")).hasSize(1 + 3 + 6 + 12);
  }

  @Test
  void mapOutlinesEveryRegionOfTheCityWithAPlaceForItsName() throws Exception {
    JsonArray outlines =
        server.getJson("/api/map").getJsonObject("outlines").getJsonArray("features");

    assertThat(outlines).hasSize(1 + 3 + 6 + 12);
    for (int i = 0; i < outlines.size(); i++) {
      JsonObject region = outlines.getJsonObject(i);
      assertThat(region.getJsonObject("geometry").getString("type"))
          .isIn("Polygon", "MultiPolygon");
      assertThat(region.getJsonObject("properties").getJsonArray("label")).hasSize(2);
      assertThat(region.getJsonObject("properties").getString("name")).isNotBlank();
    }
  }

  @Test
  void eachUserOfOneBrowserGetsTheirOwnCopyOfTheMap() throws Exception {
    HttpResponse<String> map = server.get("/api/map");

    assertThat(map.headers().firstValue("vary")).hasValue("Authorization");
  }
}
