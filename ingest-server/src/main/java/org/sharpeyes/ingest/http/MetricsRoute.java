package org.sharpeyes.ingest.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format. Scraping reads every meter (one
 * gauge per tracked edge among them) and calls gauges that take locks, so it runs through the
 * {@link BlockingDispatch}, not on the event loop.
 */
public final class MetricsRoute {

  /** What Prometheus expects of the text format this registry writes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final BlockingDispatch dispatch;

  public MetricsRoute(PrometheusMeterRegistry registry, BlockingDispatch dispatch) {
    this.registry = registry;
    this.dispatch = dispatch;
  }

  public void mount(Router router) {
    router
        .get("/metrics")
        .handler(
            ctx ->
                dispatch.respond(
                    ctx,
                    registry::scrape,
                    text -> ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(text)));
  }
}
