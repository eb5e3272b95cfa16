package org.sharpeyes.ingest.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.sharpeyes.ingest.store.SnapshotCache;
import org.sharpeyes.schema.event.SnapshotRef;

/**
 * {@code GET /api/snapshots/{eventId}}: the snapshot image of an event while it is still held, else
 * {@code 404} (snapshots are kept in a bounded cache and may have been evicted or dropped).
 */
public final class SnapshotRoute {

  private final SnapshotCache snapshots;

  public SnapshotRoute(SnapshotCache snapshots) {
    this.snapshots = snapshots;
  }

  public void mount(Router router) {
    router.get("/api/snapshots/:eventId").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    String eventId = ctx.pathParam("eventId");
    snapshots
        .get(eventId)
        .ifPresentOrElse(
            s ->
                ctx.response()
                    .putHeader("content-type", SnapshotRef.JPEG)
                    .putHeader("cache-control", "private, max-age=3600")
                    .end(Buffer.buffer(s.image())),
            () ->
                HttpErrors.send(
                    ctx,
                    404,
                    "not-found",
                    "no snapshot held for event " + eventId + " (never received, or evicted)"));
  }
}
