package org.sharpeyes.ingest.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer of the HTTP API is JSON: {@code {"error": "not-found", "message": "..."}}, so
 * that clients never have to parse an HTML page.
 */
public final class HttpErrors {

  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {}

  /** Turns unknown routes, wrong methods and unhandled failures into JSON answers. */
  public static void install(Router router) {
    router.errorHandler(
        404,
        ctx ->
            send(
                ctx,
                404,
                "not-found",
                "no route " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(
        405,
        ctx ->
            send(
                ctx,
                405,
                "method-not-allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(
        413,
        ctx ->
            send(
                ctx,
                413,
                "too-large",
                "the request body is larger than " + ctx.request().path() + " accepts"));
    router.errorHandler(
        500,
        ctx -> {
          LOG.error(
              "request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
          send(ctx, 500, "internal-error", "the server failed on this request; see its log");
        });
  }

  /** Sends a JSON error unless a response is already under way. */
  public static void send(RoutingContext ctx, int status, String error, String message) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", error).put("message", message).encode());
  }
}
