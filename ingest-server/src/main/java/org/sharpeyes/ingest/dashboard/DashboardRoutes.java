package org.sharpeyes.ingest.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.reference.ReferenceData;

/**
 * The operators' dashboard: a static page (live alert feed, alert detail, a grid map drawn as SVG
 * from the grid polygons, so it works offline without a tile server) and {@code GET /api/map}, the
 * data it draws, narrowed to the caller's jurisdiction. The page talks to the same public API as
 * any other client; it is served without a token and holds no data of its own.
 */
public final class DashboardRoutes {

  private final ReferenceData reference;

  /** One map per jurisdiction asked for: at most one per region. */
  private final Map<String, Buffer> maps = new ConcurrentHashMap<>();

  public DashboardRoutes(ReferenceData reference) {
    this.reference = reference;
  }

  public void mount(Router router) {
    router
        .get("/api/map")
        .handler(
            ctx -> {
              String jurisdiction = Principal.of(ctx).jurisdiction();
              Buffer map =
                  reference.regions().contains(jurisdiction)
                      ? maps.computeIfAbsent(jurisdiction, j -> CityMap.of(reference, j).toBuffer())
                      : CityMap.of(reference, jurisdiction).toBuffer();
              ctx.response()
                  .putHeader("Content-Type", "application/json; charset=utf-8")
                  .putHeader("Cache-Control", "private, max-age=300")
                  .end(map);
            });
    router.get("/").handler(ctx -> ctx.redirect("/dashboard/"));
    router.get("/dashboard/*").handler(StaticHandler.create("webroot/dashboard"));
  }
}
