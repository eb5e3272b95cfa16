package org.sharpeyes.ingest.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.reference.ReferenceData;

/**
 * The operators' dashboard: a static page (live alert feed, alert detail, a grid map drawn as SVG
 * from the grid polygons, so it works offline without a tile server) and {@code GET /api/map}, the
 * data it draws, narrowed to the caller's jurisdiction. The page talks to the same public API as
 * any other client, with the bearer token of the user who signed in on it; the page itself (and
 * {@code /}) needs no token and holds no data of its own.
 */
public final class DashboardRoutes {

  /**
   * The page holds a bearer token in sessionStorage, so it allows no script, style or connection
   * from anywhere but this server (images also from {@code blob:}, where the page puts the photos
   * it fetched with the token) and cannot be framed.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  /** Webjar files carry their version in the path: a browser may keep them a week. */
  private static final long WEEK = 7L * 24 * 3600;

  private final ReferenceData reference;

  /** One map per jurisdiction asked for: at most one per region. */
  private final Map<String, Buffer> maps = new ConcurrentHashMap<>();

  public DashboardRoutes(ReferenceData reference) {
    this.reference = reference;
  }

  private static void pageHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
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
    router.get("/dashboard/*").handler(DashboardRoutes::pageHeaders);
    router.get("/dashboard/*").handler(StaticHandler.create("webroot/dashboard"));
    // Libraries from webjars on the class path (ECharts for report.html), under /dashboard/webjars/
    // so that the page's CSP ('self') and the one open /dashboard/* rule cover them.
    StaticHandler webjars = StaticHandler.create("META-INF/resources").setMaxAgeSeconds(WEEK);
    router
        .get("/dashboard/*")
        .handler(
            ctx -> {
              if (ctx.normalizedPath().startsWith("/dashboard/webjars/")) {
                webjars.handle(ctx);
              } else {
                ctx.next();
              }
            });
  }
}
