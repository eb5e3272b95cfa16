package org.sharpeyes.ingest.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.sharpeyes.ingest.store.Snapshots;
import org.sharpeyes.schema.event.SnapshotRef;

/**
 * {@code GET /api/events/{id}/snapshot}: the snapshot image of an event while it is kept (in
 * memory, then on disk within the retention of {@code snapshots.*}), else {@code 404}. {@code GET
 * /api/snapshots/{eventId}} is the same, under its older name.
 */
public final class SnapshotRoute {

  private final Vertx vertx;
  private final Snapshots snapshots;

  public SnapshotRoute(Vertx vertx, Snapshots snapshots) {
    this.vertx = vertx;
    this.snapshots = snapshots;
  }

  public void mount(Router router) {
    router.get("/api/events/:id/snapshot").handler(ctx -> handle(ctx, ctx.pathParam("id")));
    router.get("/api/snapshots/:eventId").handler(ctx -> handle(ctx, ctx.pathParam("eventId")));
  }

  private void handle(RoutingContext ctx, String eventId) {
    vertx
        .executeBlocking(() -> snapshots.image(eventId), false)
        .onSuccess(
            image ->
                image.ifPresentOrElse(
                    bytes ->
                        ctx.response()
                            .putHeader("content-type", SnapshotRef.JPEG)
                            .putHeader("cache-control", "private, max-age=3600")
                            .end(Buffer.buffer(bytes)),
                    () ->
                        HttpErrors.send(
                            ctx,
                            404,
                            "not-found",
                            "no snapshot kept for event "
                                + eventId
                                + " (none was sent, or retention removed it)")))
        .onFailure(e -> HttpErrors.send(ctx, 503, "unavailable", "cannot read the snapshot: " + e));
  }
}
