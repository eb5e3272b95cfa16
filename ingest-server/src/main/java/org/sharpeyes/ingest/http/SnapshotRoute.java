package org.sharpeyes.ingest.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.sharpeyes.ingest.store.Snapshots;
import org.sharpeyes.schema.event.SnapshotRef;

/**
 * {@code GET /api/events/{id}/snapshot}: the snapshot image of an event while it is kept (in
 * memory, then on disk within the retention of {@code snapshots.*}), else a 404 problem. {@code GET
 * /api/snapshots/{eventId}} is the same, under its older name. Files are read through the {@link
 * BlockingDispatch}.
 */
public final class SnapshotRoute {

  private final Snapshots snapshots;
  private final BlockingDispatch dispatch;

  public SnapshotRoute(Snapshots snapshots, BlockingDispatch dispatch) {
    this.snapshots = snapshots;
    this.dispatch = dispatch;
  }

  public void mount(Router router) {
    router.get("/api/events/:id/snapshot").handler(ctx -> handle(ctx, ctx.pathParam("id")));
    router.get("/api/snapshots/:eventId").handler(ctx -> handle(ctx, ctx.pathParam("eventId")));
  }

  private void handle(RoutingContext ctx, String eventId) {
    dispatch.respond(
        ctx,
        () -> snapshots.image(eventId),
        image ->
            image.ifPresentOrElse(
                bytes ->
                    ctx.response()
                        .putHeader("content-type", SnapshotRef.JPEG)
                        .putHeader("cache-control", "private, max-age=3600")
                        .end(Buffer.buffer(bytes)),
                () ->
                    ProblemReplies.notFound(
                        ctx,
                        "no snapshot kept for event "
                            + eventId
                            + " (none was sent, or retention removed it)")));
  }
}
