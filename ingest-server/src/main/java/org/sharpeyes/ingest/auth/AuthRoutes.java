package org.sharpeyes.ingest.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.Set;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.ProblemType;

/**
 * Login and tokens over HTTP (docs/api.md, "Authentication"):
 *
 * <ul>
 *   <li>{@code POST /api/auth/login} {@code {username, password}}: a token pair; 401 with the same
 *       words for an unknown name and a wrong password; 429 with {@code Retry-After} while locked
 *   <li>{@code POST /api/auth/refresh} {@code {refreshToken}}: a new pair (the old token is used
 *       up)
 *   <li>{@code POST /api/auth/logout} (behind the access gate): revokes this token and its session
 *   <li>{@code GET /api/auth/me} (behind the access gate): the caller
 * </ul>
 *
 * Login and refresh are open routes; logout and me need the gate in front. Blocking work runs
 * through the {@link BlockingDispatch}.
 */
public final class AuthRoutes {

  private final LoginService logins;
  private final TokenAuthenticator authenticator;
  private final BlockingDispatch dispatch;

  public AuthRoutes(
      LoginService logins, TokenAuthenticator authenticator, BlockingDispatch dispatch) {
    this.logins = logins;
    this.authenticator = authenticator;
    this.dispatch = dispatch;
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(JsonBody.MAX_BYTES);
    router.post("/api/auth/login").handler(body).handler(this::login);
    router.post("/api/auth/refresh").handler(body).handler(this::refresh);
    router.post("/api/auth/logout").handler(this::logout);
    router.get("/api/auth/me").handler(this::me);
  }

  private void login(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx.body().buffer(), Set.of("username", "password"));
    String name = body.text("username");
    String password = body.text("password");
    if (!body.errors().isEmpty()) {
      ProblemReplies.badRequest(ctx, body.errors());
      return;
    }
    String from = from(ctx);
    dispatch.respond(ctx, () -> logins.login(name, password, from), o -> answer(ctx, o));
  }

  private void refresh(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx.body().buffer(), Set.of("refreshToken"));
    String token = body.text("refreshToken");
    if (!body.errors().isEmpty()) {
      ProblemReplies.badRequest(ctx, body.errors());
      return;
    }
    String from = from(ctx);
    dispatch.respond(ctx, () -> logins.refresh(token, from), o -> answer(ctx, o));
  }

  private void logout(RoutingContext ctx) {
    Optional<TokenAuthenticator.Verified> verified = authenticator.verified(bearer(ctx));
    if (verified.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ProblemReplies.send(ctx, ProblemType.UNAUTHORIZED, "no valid bearer token to log out");
      return;
    }
    String from = from(ctx);
    dispatch.respond(
        ctx,
        () -> {
          logins.logout(verified.get(), from);
          return Boolean.TRUE;
        },
        done -> ctx.response().setStatusCode(204).end());
  }

  private void me(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    ctx.json(principalJson(Principal.of(ctx)));
  }

  private void answer(RoutingContext ctx, LoginService.Outcome outcome) {
    if (outcome instanceof LoginService.Granted g) {
      ctx.response().putHeader("Cache-Control", "no-store");
      ctx.json(tokenJson(g.tokens()));
    } else if (outcome instanceof LoginService.Locked l) {
      long seconds = Math.max(1, (l.retryAfter().toMillis() + 999) / 1000);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      ProblemReplies.send(
          ctx, ProblemType.LOGIN_LOCKED, "too many failed logins: try again in " + seconds + " s");
    } else {
      LoginService.Refused r = (LoginService.Refused) outcome;
      Runnable reply = () -> ProblemReplies.send(ctx, ProblemType.UNAUTHORIZED, r.reason());
      if (r.delay().isZero()) {
        reply.run();
      } else {
        ctx.vertx().setTimer(r.delay().toMillis(), t -> reply.run());
      }
    }
  }

  private static JsonObject tokenJson(LoginService.TokenPair pair) {
    return new JsonObject()
        .put("accessToken", pair.access().token())
        .put("tokenType", "Bearer")
        .put("expiresIn", secondsUntil(pair, pair.access().expiresAt()))
        .put("refreshToken", pair.refreshToken())
        .put("refreshExpiresIn", secondsUntil(pair, pair.refreshExpiresAt()))
        .put("user", principalJson(pair.user().principal()));
  }

  private static long secondsUntil(LoginService.TokenPair pair, java.time.Instant at) {
    return java.time.Duration.between(pair.issuedAt(), at).toSeconds();
  }

  static JsonObject principalJson(Principal p) {
    return new JsonObject()
        .put("name", p.name())
        .put("role", p.role().label())
        .put("jurisdiction", p.jurisdiction())
        .put("clearance", p.clearance().label())
        .put("issuer", p.issuer());
  }

  /** The token of an {@code Authorization: Bearer …} header, or an empty string. */
  static String bearer(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "";
    }
    return h.substring(7).strip();
  }

  private static String from(RoutingContext ctx) {
    var address = ctx.request().remoteAddress();
    return address == null || address.hostAddress() == null ? "-" : address.hostAddress();
  }
}
