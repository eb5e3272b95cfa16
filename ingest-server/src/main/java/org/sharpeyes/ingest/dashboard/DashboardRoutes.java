package org.sharpeyes.ingest.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import org.sharpeyes.ingest.reference.ReferenceData;

/**
 * The operators' dashboard: a static page (live alert feed, alert detail, a grid map drawn as SVG
 * from the grid polygons, so it works offline without a tile server) and {@code GET /api/map}, the
 * data it draws. The page talks to the same public API as any other client.
 */
public final class DashboardRoutes {

  private final Buffer map;

  public DashboardRoutes(ReferenceData reference) {
    this.map = CityMap.of(reference).toBuffer();
  }

  public void mount(Router router) {
    router
        .get("/api/map")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Cache-Control", "max-age=300")
                    .end(map));
    router.get("/").handler(ctx -> ctx.redirect("/dashboard/"));
    router.get("/dashboard/*").handler(StaticHandler.create("webroot/dashboard"));
  }
}
