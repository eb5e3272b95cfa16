package org.sharpeyes.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.schema.event.EdgeEvent;

/** The access gate in front of the API, and the audit record of personal reads behind it. */
class AccessGateTest {

  private static final String CHALLENGE = "Bearer realm=\"sharpeyes\"";

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
  void aRequestWithoutATokenIs401WithTheBearerChallengeAndNoErrorCode() throws Exception {
    HttpResponse<String> response = server.anonymous("GET", "/api/alerts", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo("https://sharpeyes.org/problems/unauthorized");
    assertThat(problem.getString("detail")).contains("POST /api/auth/login");
    assertThat(
            server
                .registry
                .get("sharpeyes.auth.refused")
                .tag("status", "401")
                .tag("reason_kind", "missing")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void anUnknownOrMalformedTokenIs401InvalidTokenWithTheReason() throws Exception {
    HttpResponse<String> unknown = server.anonymous("GET", "/api/alerts", "Bearer forged.token");
    HttpResponse<String> basic = server.anonymous("GET", "/api/alerts", "Basic dXNlcjpwdw==");
    HttpResponse<String> twoTokens = server.anonymous("GET", "/api/alerts", "Bearer a b");

    for (HttpResponse<String> r : new HttpResponse[] {unknown, basic, twoTokens}) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith(CHALLENGE + ", error=\"invalid_token\", error_description=\"");
    }
    assertThat(new JsonObject(unknown.body()).getString("detail"))
        .contains("unknown or revoked token");
    assertThat(new JsonObject(basic.body()).getString("detail")).contains("Bearer scheme");
  }

  @Test
  void theSchemeIsReadInAnyCaseAndARevokedTokenStopsWorking() throws Exception {
    String token = server.tokens.tokenOf(TestTokens.CITY_SUPERVISOR);

    assertThat(server.anonymous("GET", "/api/alerts", "bEaReR  " + token).statusCode())
        .isEqualTo(200);
    server.tokens.revoke(TestTokens.CITY_SUPERVISOR);
    assertThat(server.anonymous("GET", "/api/alerts", "Bearer " + token).statusCode())
        .isEqualTo(401);
  }

  @Test
  void unknownPathsAre401WithoutATokenAnd404WithOne() throws Exception {
    assertThat(server.anonymous("GET", "/api/secret-shape", null).statusCode()).isEqualTo(401);
    assertThat(server.anonymous("GET", "/nothing/here", null).statusCode()).isEqualTo(401);
    assertThat(server.get("/api/secret-shape").statusCode()).isEqualTo(404);
  }

  @Test
  void theDashboardPageIsOpenButItsDataIsNot() throws Exception {
    assertThat(server.anonymous("GET", "/dashboard/", null).statusCode()).isEqualTo(200);
    assertThat(server.anonymous("GET", "/", null).statusCode()).isEqualTo(302);
    assertThat(server.anonymous("GET", "/api/map", null).statusCode()).isEqualTo(401);
    assertThat(server.anonymous("GET", "/dashboard/../api/map", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aGridWorkerIsToldThatAlertsComeByDispatch() throws Exception {
    HttpResponse<String> response =
        server.as(TestTokens.caller("grid-1", Role.GRID_WORKER, "430702001001")).get("/api/alerts");

    assertThat(response.statusCode()).isEqualTo(403);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo("https://sharpeyes.org/problems/forbidden");
    assertThat(problem.getString("detail"))
        .contains("role grid-worker may not GET /api/alerts")
        .contains("dispatched to them");
  }

  @Test
  void anAlertTheReferenceDataCannotPlaceIsSeenAtCityLevelOnly() throws Exception {
    server.sight("湘J38J91", "99999900001320000101"); // no such county: placed nowhere

    assertThat(server.getJson("/api/alerts").getInteger("count")).isEqualTo(1);
    assertThat(
            server
                .as(TestTokens.caller("wuling-desk", Role.OPERATOR, "430702"))
                .getJson("/api/alerts")
                .getInteger("count"))
        .isZero();
  }

  @Test
  void deadLettersAreForCityLevelCallersOnly() throws Exception {
    Principal county = TestTokens.caller("wuling-sup", Role.SUPERVISOR, "430702");

    assertThat(server.get("/api/dead-letters").statusCode()).isEqualTo(200);
    HttpResponse<String> refused = server.as(county).get("/api/dead-letters");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(refused.body()).getString("detail")).contains("city-level");
  }

  @Test
  void readingAPersonCardOrAFaceSnapshotIsOnTheAuditRecordWithWhoAndFromWhere() throws Exception {
    server.sight("湘JJN407", Sightings.WULING_READER); // KP0001
    String alert =
        server.getJson("/api/alerts").getJsonArray("alerts").getJsonObject(0).getString("id");
    EdgeEvent face = server.faceMatched("KP0003", 0.95, "43070200001310000002");
    server.snapshot(face);

    assertThat(server.get("/api/alerts/" + alert).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/events/" + face.id() + "/snapshot").statusCode()).isEqualTo(200);

    assertThat(server.audited)
        .extracting(AuditEntry::actor, AuditEntry::from, AuditEntry::action, AuditEntry::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "city-supervisor", "127.0.0.1", "person.read", "KP0001"),
            org.assertj.core.groups.Tuple.tuple(
                "city-supervisor", "127.0.0.1", "snapshot.read", face.id()));
  }

  @Test
  void whenTheAuditRecordCannotBeWrittenThePersonalReadIsNotAnswered() throws Exception {
    server.sight("湘JJN407", Sightings.WULING_READER);
    String alert =
        server.getJson("/api/alerts").getJsonArray("alerts").getJsonObject(0).getString("id");
    server.auditDown = true;

    HttpResponse<String> response = server.get("/api/alerts/" + alert);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).doesNotContain("王建军", "430702197506070675");
    assertThat(server.get("/api/alerts").statusCode()).isEqualTo(200); // no card: no record
  }
}
