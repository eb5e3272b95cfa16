package org.sharpeyes.ingest.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code GET /healthz}: {@code 200} with {@code "status": "UP"} when the server is subscribed to
 * the broker and the store answers, else {@code 503} with {@code "DOWN"}; either way the body is
 * the {@link Health} summary (not a problem: it is the answer asked for). Answered on the event
 * loop from memory — the store is checked in the background — so it never waits behind API queries,
 * and its size does not grow with the number of edges ({@code /api/edges} lists them).
 */
public final class HealthRoute {

  private final Supplier<Health> health;

  /**
   * @param health reads the summary; called on the event loop, so it must only read memory
   */
  public HealthRoute(Supplier<Health> health) {
    this.health = health;
  }

  public void mount(Router router) {
    router.get("/healthz").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    Health now = health.get();
    ctx.response()
        .setStatusCode(now.up() ? 200 : 503)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(now.toJson().encode());
  }
}
