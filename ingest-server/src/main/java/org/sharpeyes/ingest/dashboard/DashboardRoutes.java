package org.sharpeyes.ingest.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.config.DashboardConfig;
import org.sharpeyes.ingest.reference.ReferenceData;

/**
 * The operators' dashboard: a static page (the desk's queue, the live alert feed, the alert with
 * its workflow, a Leaflet map of the grid polygons and region outlines with no tile layer by
 * default, so it works offline), the grid workers' page {@code /dashboard/grid.html}, Leaflet
 * itself from its webjar, and {@code GET /api/map}, the data the map draws, narrowed to the
 * caller's jurisdiction. The page talks to the same public API as any other client, with the bearer
 * token of the user who signed in on it; the page itself (and {@code /}) needs no token and holds
 * no data of its own.
 */
public final class DashboardRoutes {

  /**
   * The page holds a bearer token in sessionStorage, so it allows no script, style or connection
   * from anywhere but this server (images also from {@code blob:}, where the page puts the photos
   * it fetched with the token) and cannot be framed.
   */
  static final String CONTENT_SECURITY_POLICY = policy("");

  /** The policy, with {@code images} (a tile server's origin) allowed for images too. */
  static String policy(String images) {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:"
        + (images.isEmpty() ? "" : " " + images)
        + "; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
        + " frame-ancestors 'none'";
  }

  /** Webjar files carry their version in the path: a browser may keep them a week. */
  private static final long WEEK = 7L * 24 * 3600;

  private final ReferenceData reference;
  private final DashboardConfig.Tiles tiles;
  private final String policy;

  /** One map per jurisdiction asked for: at most one per region. */
  private final Map<String, Buffer> maps = new ConcurrentHashMap<>();

  public DashboardRoutes(ReferenceData reference) {
    this(reference, DashboardConfig.defaults());
  }

  /** With the map's tile layer of {@code dashboard.tiles}, if any. */
  public DashboardRoutes(ReferenceData reference, DashboardConfig config) {
    this.reference = reference;
    this.tiles = config.tiles();
    this.policy = policy(tiles == null ? "" : tiles.imageSource());
  }

  private void pageHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", policy)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  private JsonObject map(String jurisdiction) {
    JsonObject map = CityMap.of(reference, jurisdiction);
    if (tiles != null) {
      map.put(
          "tiles",
          new JsonObject()
              .put("url", tiles.url())
              .put("attribution", tiles.attribution())
              .put("subdomains", tiles.subdomains())
              .put("maxZoom", tiles.maxZoom()));
    }
    return map;
  }

  public void mount(Router router) {
    router
        .get("/api/map")
        .handler(
            ctx -> {
              String jurisdiction = Principal.of(ctx).jurisdiction();
              Buffer map =
                  reference.regions().contains(jurisdiction)
                      ? maps.computeIfAbsent(jurisdiction, j -> map(j).toBuffer())
                      : map(jurisdiction).toBuffer();
              ctx.response()
                  .putHeader("Content-Type", "application/json; charset=utf-8")
                  .putHeader("Cache-Control", "private, max-age=300")
                  // one browser, several users one after the other: each user's own copy
                  .putHeader("Vary", "Authorization")
                  .end(map);
            });
    router.get("/").handler(ctx -> ctx.redirect("/dashboard/"));
    router.get("/dashboard/*").handler(this::pageHeaders);
    router.get("/dashboard/*").handler(StaticHandler.create("webroot/dashboard"));
    // Libraries from webjars on the class path (Leaflet for the map, ECharts for report.html),
    // under
    // /dashboard/webjars/<name>/<version>/
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
