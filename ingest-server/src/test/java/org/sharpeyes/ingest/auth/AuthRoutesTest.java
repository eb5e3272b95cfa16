package org.sharpeyes.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.config.AuthConfig;
import org.sharpeyes.ingest.config.HttpConfig;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.ProblemReplies;

/**
 * The login, token and user routes over HTTP. A small stand-in for the access gate puts the
 * caller's principal on requests to {@code /api/auth/logout}, {@code /api/auth/me} and {@code
 * /api/users*}.
 */
class AuthRoutesTest {

  @TempDir Path dataDir;
  private AuthHarness auth;
  private IngestHttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    AuthConfig config =
        AuthHarness.config()
            .withLockout(new AuthConfig.Lockout(3, Duration.ofMinutes(15), Duration.ofMillis(200)));
    auth = new AuthHarness(TestDatabase.h2(), dataDir, config);
    auth.add("li.operator", Role.OPERATOR, "430702", Clearance.FULL);
    auth.add("zhou.admin", Role.ADMIN, "430702", Clearance.FULL);
    Router router = Router.router(auth.vertx);
    ProblemReplies.install(router);
    router.route("/api/auth/logout").handler(this::gate);
    router.route("/api/auth/me").handler(this::gate);
    router.route("/api/users*").handler(this::gate);
    auth.module.mount(router);
    server = IngestHttpServer.start(auth.vertx, new HttpConfig("127.0.0.1", 0), router);
  }

  private void gate(io.vertx.ext.web.RoutingContext ctx) {
    Authenticator.Authentication a =
        auth.module.authenticator().authenticate(AuthRoutes.bearer(ctx));
    if (a instanceof Authenticator.Authentication.Accepted ok) {
      ctx.put(Principal.CONTEXT_KEY, ok.principal());
      ctx.next();
    } else {
      ctx.response().setStatusCode(401).end(((Authenticator.Authentication.Refused) a).reason());
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    auth.close();
  }

  @Test
  void loginAnswersABearerTokenARefreshTokenAndTheUser() throws Exception {
    HttpResponse<String> r =
        post("/api/auth/login", login("li.operator", AuthHarness.PASSWORD), null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("cache-control")).contains("no-store");
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("tokenType")).isEqualTo("Bearer");
    assertThat(body.getLong("expiresIn")).isEqualTo(900);
    assertThat(body.getLong("refreshExpiresIn")).isEqualTo(12 * 3600);
    assertThat(body.getJsonObject("user").encode())
        .isEqualTo(
            "{\"name\":\"li.operator\",\"role\":\"operator\",\"jurisdiction\":\"430702\","
                + "\"clearance\":\"full\",\"issuer\":\"local\"}");
    assertThat(get("/api/auth/me", body.getString("accessToken")).body())
        .isEqualTo(body.getJsonObject("user").encode());
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSame401Problem() throws Exception {
    HttpResponse<String> wrong =
        post("/api/auth/login", login("li.operator", "not the one!"), null);
    HttpResponse<String> unknown = post("/api/auth/login", login("no.one", "not the one!"), null);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("content-type")).contains(ProblemReplies.MEDIA_TYPE);
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(new JsonObject(wrong.body()).getString("detail"))
        .isEqualTo("wrong user name or password");
  }

  @Test
  void failuresInARowAreAnsweredMoreSlowlyThenTheAccountIsLockedWith429AndRetryAfter()
      throws Exception {
    post("/api/auth/login", login("li.operator", "wrong one #1"), null);
    post("/api/auth/login", login("li.operator", "wrong one #2"), null);
    long started = System.nanoTime();
    HttpResponse<String> third =
        post("/api/auth/login", login("li.operator", "wrong one #3"), null);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    HttpResponse<String> locked =
        post("/api/auth/login", login("li.operator", AuthHarness.PASSWORD), null);

    assertThat(third.statusCode()).isEqualTo(401);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400)); // 2 × 200 ms
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("retry-after")).contains("900");
    assertThat(new JsonObject(locked.body()).getString("type"))
        .isEqualTo("https://sharpeyes.org/problems/login-locked");
  }

  @Test
  void aMalformedLoginBodyIsA400NamingEveryBadField() throws Exception {
    HttpResponse<String> r = post("/api/auth/login", "{\"username\": 7, \"pass\": \"x\"}", null);
    HttpResponse<String> notJson = post("/api/auth/login", "user=li", null);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getJsonArray("errors").encode())
        .isEqualTo(
            "[{\"path\":\"body.pass\",\"message\":\"unknown field; known: password, username\"},"
                + "{\"path\":\"body.username\",\"message\":\"must be a non-empty string\"},"
                + "{\"path\":\"body.password\",\"message\":\"required\"}]");
    assertThat(new JsonObject(notJson.body()).getString("detail"))
        .isEqualTo("body: not valid JSON");
  }

  @Test
  void aLoginBodyOverFourKilobytesIsRefusedWith413() throws Exception {
    HttpResponse<String> r = post("/api/auth/login", login("li.operator", "x".repeat(5000)), null);

    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void refreshGivesANewPairAndLogoutEndsTheSession() throws Exception {
    JsonObject first =
        new JsonObject(
            post("/api/auth/login", login("li.operator", AuthHarness.PASSWORD), null).body());
    String refreshBody =
        new JsonObject().put("refreshToken", first.getString("refreshToken")).encode();

    JsonObject second = new JsonObject(post("/api/auth/refresh", refreshBody, null).body());
    HttpResponse<String> logout = post("/api/auth/logout", "", second.getString("accessToken"));
    HttpResponse<String> after = get("/api/auth/me", second.getString("accessToken"));

    assertThat(second.getString("accessToken")).isNotEqualTo(first.getString("accessToken"));
    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.body()).startsWith("revoked");
    assertThat(post("/api/auth/refresh", refreshBody, null).statusCode()).isEqualTo(401);
  }

  @Test
  void anAdminAddsAUserInItsCountyButNotInTheNeighbourCounty() throws Exception {
    String token = token("zhou.admin");

    HttpResponse<String> added = post("/api/users", user("wu.village", "430702001001"), token);
    HttpResponse<String> again = post("/api/users", user("wu.village", "430702001001"), token);
    HttpResponse<String> neighbour = post("/api/users", user("he.dingcheng", "430703"), token);
    HttpResponse<String> list = get("/api/users", token);

    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(added.headers().firstValue("location")).contains("/api/users/wu.village");
    assertThat(new JsonObject(added.body()).containsKey("passwordHash")).isFalse();
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(neighbour.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(neighbour.body()).getString("detail"))
        .isEqualTo("user jurisdiction 430703 is outside your jurisdiction 430702");
    assertThat(
            new io.vertx.core.json.JsonArray(list.body())
                .stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactly("li.operator", "wu.village", "zhou.admin");
  }

  @Test
  void aNewUserWithBadFieldsIsA400WithThePathOfEach() throws Exception {
    HttpResponse<String> r =
        post(
            "/api/users",
            "{\"name\":\"wu\",\"password\":\"short\",\"role\":\"boss\",\"jurisdiction\":\"430702\","
                + "\"clearance\":\"some\"}",
            token("zhou.admin"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("detail"))
        .isEqualTo(
            "body.role: not a role; one of admin, supervisor, operator, grid-worker, integrator,"
                + " auditor; body.clearance: one of masked, full");
  }

  @Test
  void anAdminDisablingAUserMakesItsLiveTokenStopWorkingAndAPasswordChangeIs204() throws Exception {
    String operator = token("li.operator");
    String admin = token("zhou.admin");

    HttpResponse<String> disabled = post("/api/users/li.operator/disable", "", admin);
    HttpResponse<String> me = get("/api/auth/me", operator);
    HttpResponse<String> enabled = post("/api/users/li.operator/enable", "", admin);
    HttpResponse<String> password =
        send(
            HttpRequest.newBuilder(uri("/api/users/li.operator/password"))
                .header("Authorization", "Bearer " + admin)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"another long one\"}")));
    HttpResponse<String> nobody = post("/api/users/no.one/disable", "", admin);

    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(disabled.body()).getBoolean("disabled")).isTrue();
    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(me.body()).isEqualTo("user disabled");
    assertThat(enabled.statusCode()).isEqualTo(200);
    assertThat(password.statusCode()).isEqualTo(204);
    assertThat(nobody.statusCode()).isEqualTo(404);
    assertThat(auth.audit)
        .filteredOn(e -> e.actor().equals("zhou.admin") && e.action().startsWith("user."))
        .extracting(e -> e.action() + " " + e.outcome())
        .containsExactly("user.disable ok", "user.enable ok", "user.password ok");
  }

  private String token(String name) throws Exception {
    return new JsonObject(post("/api/auth/login", login(name, AuthHarness.PASSWORD), null).body())
        .getString("accessToken");
  }

  private static String login(String name, String password) {
    return new JsonObject().put("username", name).put("password", password).encode();
  }

  private static String user(String name, String jurisdiction) {
    return new JsonObject()
        .put("name", name)
        .put("password", "a good long password")
        .put("role", "operator")
        .put("jurisdiction", jurisdiction)
        .put("clearance", "masked")
        .encode();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
