package org.sharpeyes.ingest.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error reply of the HTTP API, as RFC 9457 problem details ({@code Content-Type:
 * application/problem+json}):
 *
 * <pre>{@code
 * {"type": "https://sharpeyes.org/problems/bad-request", "title": "Bad request", "status": 400,
 *  "detail": "query.limit: must be an integer from 1 to 1000",
 *  "errors": [{"path": "query.limit", "message": "must be an integer from 1 to 1000"}]}
 * }</pre>
 *
 * Routes answer their own problems through here, and {@link #install} sends the router's (no route,
 * wrong method, body too large, a handler that threw) the same way. A failure the client cannot fix
 * — a store that did not answer (503) or a bug (500) — is logged with a fresh id, and the reply
 * carries that id as its {@code instance} ({@code urn:uuid:…}), never the exception's text or
 * stack. Call on the request's event loop.
 */
public final class ProblemReplies {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** Seconds a client is told to wait ({@code Retry-After}) after a 503. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(ProblemReplies.class);

  private ProblemReplies() {}

  /** Answers every failure the router itself reports (any status from 400 to 599) as a problem. */
  public static void install(Router router) {
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, ProblemReplies::routerFailure);
    }
  }

  /** 400 listing every error; {@code detail} repeats them on one line for people reading it. */
  public static void badRequest(RoutingContext ctx, List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(
        e -> list.add(new JsonObject().put("path", e.path()).put("message", e.message())));
    String detail =
        errors.stream().map(e -> e.path() + ": " + e.message()).collect(Collectors.joining("; "));
    send(ctx, body(ProblemType.BAD_REQUEST, detail).put("errors", list));
  }

  /** 403: the caller is known but may not do this; {@code detail} says why. */
  public static void forbidden(RoutingContext ctx, String detail) {
    send(ctx, ProblemType.FORBIDDEN, detail);
  }

  /**
   * 401 with the {@code WWW-Authenticate} challenge of RFC 6750 §3: {@code Bearer
   * realm="sharpeyes"}, plus {@code error="invalid_token"} and the reason when a token was given.
   *
   * @param tokenGiven false when the request had no credentials at all (then no error code)
   */
  public static void unauthorized(RoutingContext ctx, String detail, boolean tokenGiven) {
    String challenge = "Bearer realm=\"" + REALM + "\"";
    if (tokenGiven) {
      challenge += ", error=\"invalid_token\", error_description=\"" + quotable(detail) + "\"";
    }
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader("WWW-Authenticate", challenge);
    }
    send(ctx, ProblemType.UNAUTHORIZED, detail);
  }

  /** The realm of the bearer challenge. */
  public static final String REALM = "sharpeyes";

  /** RFC 6750 error_description: printable ASCII without quote or backslash. */
  private static String quotable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length() && out.length() < 200; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '_');
    }
    return out.toString();
  }

  public static void notFound(RoutingContext ctx, String detail) {
    send(ctx, ProblemType.NOT_FOUND, detail);
  }

  /** 503 with {@code Retry-After}: a bound was reached; the client should try again shortly. */
  public static void busy(RoutingContext ctx, String detail) {
    send(ctx, ProblemType.BUSY, detail);
  }

  /** A problem of {@code type} with extra members (e.g. the alert's current state). */
  public static void send(RoutingContext ctx, ProblemType type, String detail, JsonObject extra) {
    send(ctx, body(type, detail).mergeIn(extra));
  }

  /** A problem of {@code type}; a 503 gets {@code Retry-After}. */
  public static void send(RoutingContext ctx, ProblemType type, String detail) {
    send(ctx, body(type, detail));
  }

  /**
   * Answers blocking work that failed: 503 when the dispatch was full ({@link
   * BlockingDispatch.Busy}) or the store did not answer (an {@link SQLException} or {@link
   * IOException} among the causes), else 500. Both of the latter are logged with an id the reply
   * names.
   */
  public static void failed(RoutingContext ctx, Throwable cause) {
    if (cause instanceof BlockingDispatch.Busy busy) {
      busy(ctx, busy.getMessage());
      return;
    }
    String id = UUID.randomUUID().toString();
    if (isStoreFailure(cause)) {
      LOG.warn("{} {}: the store failed [{}]", method(ctx), ctx.request().path(), id, cause);
      send(
          ctx,
          withInstance(
              body(
                  ProblemType.STORE_UNAVAILABLE,
                  "the store did not answer; try again shortly (log id " + id + ")"),
              id));
      return;
    }
    internalError(ctx, cause, id);
  }

  private static void routerFailure(RoutingContext ctx) {
    int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
    String route = method(ctx) + " " + ctx.request().path();
    if (status >= 500) {
      internalError(ctx, status, ctx.failure(), UUID.randomUUID().toString());
      return;
    }
    ProblemType type = ProblemType.forStatus(status);
    if (type == null) {
      String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
      send(ctx, aboutBlank(status, reason).put("detail", reason + ": " + route));
      return;
    }
    String detail =
        switch (type) {
          case NOT_FOUND -> "no route " + route;
          case METHOD_NOT_ALLOWED -> method(ctx) + " is not allowed on " + ctx.request().path();
          case TOO_LARGE -> "the request body is larger than " + route + " accepts";
          case UNSUPPORTED_MEDIA_TYPE ->
              route + " does not take content type " + ctx.request().getHeader("content-type");
          default -> type.title() + ": " + route;
        };
    send(ctx, type, detail);
  }

  private static void internalError(RoutingContext ctx, Throwable cause, String id) {
    internalError(ctx, 500, cause, id);
  }

  private static void internalError(RoutingContext ctx, int status, Throwable cause, String id) {
    LOG.error("{} {} failed [{}]", method(ctx), ctx.request().path(), id, cause);
    String detail = "the server failed on this request; its log has the cause under " + id;
    JsonObject body =
        status == 500
            ? body(ProblemType.INTERNAL_ERROR, detail)
            : aboutBlank(status, HttpResponseStatus.valueOf(status).reasonPhrase())
                .put("detail", detail);
    send(ctx, withInstance(body, id));
  }

  private static boolean isStoreFailure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException
          || t instanceof IOException
          || t instanceof org.sharpeyes.ingest.store.StoreUnavailableException) {
        return true;
      }
    }
    return false;
  }

  private static JsonObject body(ProblemType type, String detail) {
    return new JsonObject()
        .put("type", type.uri().toString())
        .put("title", type.title())
        .put("status", type.status())
        .put("detail", detail);
  }

  private static JsonObject aboutBlank(int status, String title) {
    return new JsonObject().put("type", "about:blank").put("title", title).put("status", status);
  }

  private static JsonObject withInstance(JsonObject body, String id) {
    return body.put("instance", "urn:uuid:" + id);
  }

  private static String method(RoutingContext ctx) {
    return ctx.request().method().name();
  }

  private static void send(RoutingContext ctx, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      response.reset(); // a stream already under way cannot turn into an error reply
      return;
    }
    int status = body.getInteger("status");
    response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE);
    response.putHeader("Cache-Control", "no-store");
    if (status == 503) {
      response.putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
    response.end(body.encode());
  }
}
