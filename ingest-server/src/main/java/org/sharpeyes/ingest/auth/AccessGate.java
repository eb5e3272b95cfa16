package org.sharpeyes.ingest.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.ingest.http.ProblemReplies;

/**
 * The first handler of the router: every request that is not {@linkplain RoutePolicy#isOpen open}
 * must carry {@code Authorization: Bearer <token>}, which the {@link Authenticator} turns into the
 * {@link Principal} left at {@link Principal#CONTEXT_KEY}; then the {@link RoutePolicy} decides.
 *
 * <ul>
 *   <li>no token, or a malformed, bad, expired or revoked one: 401 problem with {@code
 *       WWW-Authenticate: Bearer realm="sharpeyes"} (plus {@code error="invalid_token"} when a
 *       token was given, RFC 6750 §3). Unknown paths too: the API's shape is not probed
 *       anonymously.
 *   <li>a valid token whose role or clearance the table does not allow: 403 problem saying why.
 * </ul>
 *
 * Refusals are counted in {@code sharpeyes_auth_refused_total{status,reason_kind}}. Runs on the
 * event loop and never blocks (the authenticator's contract). Thread-safe.
 */
public final class AccessGate implements Handler<RoutingContext> {

  private static final String NO_TOKEN =
      "this route needs a bearer token (Authorization: Bearer <token>); get one from POST"
          + " /api/auth/login";

  private final Authenticator authenticator;
  private final RoutePolicy policy;
  private final MeterRegistry registry;
  private final Map<String, Counter> refused = new ConcurrentHashMap<>();

  AccessGate(Authenticator authenticator, RoutePolicy policy, MeterRegistry registry) {
    this.authenticator = authenticator;
    this.policy = policy;
    this.registry = registry;
  }

  /**
   * Puts the gate in front of every route of {@code router}, whenever they are mounted (it takes
   * the lowest route order). Install {@link ProblemReplies} on the same router.
   */
  public static AccessGate install(
      Router router, Authenticator authenticator, RoutePolicy policy, MeterRegistry registry) {
    AccessGate gate = new AccessGate(authenticator, policy, registry);
    router.route().order(Integer.MIN_VALUE).handler(gate);
    return gate;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String method = ctx.request().method().name();
    String path = ctx.normalizedPath();
    if (policy.isOpen(method, path)) {
      ctx.next();
      return;
    }
    BearerCredentials.Parsed credentials =
        BearerCredentials.parse(ctx.request().getHeader("Authorization"));
    if (credentials instanceof BearerCredentials.Missing) {
      refuse401(ctx, NO_TOKEN, false, "missing");
      return;
    }
    if (credentials instanceof BearerCredentials.Malformed m) {
      refuse401(ctx, m.reason(), true, "malformed");
      return;
    }
    String token = ((BearerCredentials.Token) credentials).value();
    Authenticator.Authentication result = authenticator.authenticate(token);
    if (result instanceof Authenticator.Authentication.Refused r) {
      refuse401(ctx, "the bearer token was refused: " + r.reason(), true, "invalid");
      return;
    }
    Principal caller = ((Authenticator.Authentication.Accepted) result).principal();
    ctx.put(Principal.CONTEXT_KEY, caller);
    RoutePolicy.Decision decision = policy.decide(method, path, caller);
    if (decision instanceof RoutePolicy.Forbidden f) {
      count(403, f.kind());
      ProblemReplies.forbidden(ctx, f.reason());
      return;
    }
    ctx.next();
  }

  private void refuse401(RoutingContext ctx, String detail, boolean tokenGiven, String kind) {
    count(401, kind);
    ProblemReplies.unauthorized(ctx, detail, tokenGiven);
  }

  private void count(int status, String kind) {
    refused
        .computeIfAbsent(
            status + "/" + kind,
            k ->
                Counter.builder("sharpeyes.auth.refused")
                    .description("Requests refused by the access gate, by status and reason kind")
                    .tag("status", Integer.toString(status))
                    .tag("reason_kind", kind)
                    .register(registry))
        .increment();
  }
}
