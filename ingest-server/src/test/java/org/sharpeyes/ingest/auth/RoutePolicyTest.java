package org.sharpeyes.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.access.Role;

class RoutePolicyTest {

  private final RoutePolicy policy = RoutePolicy.standard(false);

  @Test
  void everyRouteTheApiDescribesHasALineInTheTable() throws Exception {
    JsonObject openApi;
    try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
      openApi = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    List<String> paths =
        openApi.getJsonObject("paths").fieldNames().stream()
            .map(p -> p.replaceAll("\\{([A-Za-z0-9]+)}", ":$1"))
            .toList();

    assertThat(policy.uncovered(paths)).isEmpty();
  }

  @Test
  void metricsAreOpenOnlyWhenConfiguredSo() {
    assertThat(policy.isOpen("GET", "/metrics")).isFalse();
    assertThat(RoutePolicy.standard(true).isOpen("GET", "/metrics")).isTrue();
  }

  @Test
  void onlyTheLoginRefreshHealthDashboardAndApiDescriptionAreOpen() {
    assertThat(
            policy.rules().stream()
                .filter(RoutePolicy.Rule::open)
                .map(r -> r.method() + " " + r.pattern()))
        .containsExactly(
            "GET /healthz",
            "POST /api/auth/login",
            "POST /api/auth/refresh",
            "GET /",
            "GET /dashboard/*",
            "GET /openapi.json");
    assertThat(policy.isOpen("GET", "/api/auth/login")).isFalse();
    assertThat(policy.isOpen("GET", "/dashboardx")).isFalse();
  }

  @Test
  void aFullClearanceRouteRefusesAMaskedCallerWithTheReason() {
    RoutePolicy.Decision d =
        policy.decide(
            "GET",
            "/api/key-persons/KP0001/photos/" + "a".repeat(64),
            TestTokens.masked("desk", Role.OPERATOR, "430702"));

    assertThat(d).isInstanceOf(RoutePolicy.Forbidden.class);
    assertThat(((RoutePolicy.Forbidden) d).reason()).contains("needs full clearance");
  }
}
