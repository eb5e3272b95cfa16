package org.sharpeyes.ingest.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every JSON response of the alert API goes out through here, so errors share one shape. */
final class JsonReplies {

  static final String JSON = "application/json; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(JsonReplies.class);

  private JsonReplies() {}

  static void ok(RoutingContext ctx, JsonObject body) {
    send(ctx, 200, body);
  }

  static void badQuery(RoutingContext ctx, QueryReader query) {
    send(ctx, 400, query.badQuery());
  }

  static void notFound(RoutingContext ctx, String message) {
    send(ctx, 404, new JsonObject().put("error", "not-found").put("message", message));
  }

  static void unavailable(RoutingContext ctx, String message) {
    ctx.response().putHeader("Retry-After", "5");
    send(ctx, 503, new JsonObject().put("error", "unavailable").put("message", message));
  }

  /** A failed query: logged with the route, answered 503 when busy, else 500 without details. */
  static void failed(RoutingContext ctx, Throwable cause) {
    if (cause instanceof BlockingQueries.BusyException busy) {
      unavailable(ctx, busy.getMessage());
      return;
    }
    LOG.error("{} {} failed", ctx.request().method(), ctx.request().uri(), cause);
    send(
        ctx,
        500,
        new JsonObject()
            .put("error", "internal-error")
            .put("message", "the server failed on this request; see its log"));
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
  }
}
