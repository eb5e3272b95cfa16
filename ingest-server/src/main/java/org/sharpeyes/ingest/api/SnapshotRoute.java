package org.sharpeyes.ingest.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.PersonalData;
import org.sharpeyes.ingest.auth.PersonalData.View;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.store.Snapshots;
import org.sharpeyes.schema.event.SnapshotRef;

/**
 * {@code GET /api/events/{id}/snapshot}: the snapshot image of an event while it is kept (in
 * memory, then on disk within the retention of {@code snapshots.*}), else a 404 problem. {@code GET
 * /api/snapshots/{eventId}} is the same, under its older name. Files are read through the {@link
 * BlockingDispatch}.
 *
 * <p>The event must be stored and seen by a device in the caller's jurisdiction, else the answer is
 * the same 404 as for an unknown event (its existence is not revealed). A face crop ({@code face.*}
 * events) needs full clearance (else 403) and its read is on the audit record before it is sent; a
 * plate snapshot is not a face.
 */
public final class SnapshotRoute {

  private final Snapshots snapshots;
  private final EventStore events;
  private final Whereabouts places;
  private final BlockingDispatch dispatch;
  private final PersonalReads reads;

  public SnapshotRoute(
      Snapshots snapshots,
      EventStore events,
      Whereabouts places,
      BlockingDispatch dispatch,
      PersonalReads reads) {
    this.snapshots = snapshots;
    this.events = events;
    this.places = places;
    this.dispatch = dispatch;
    this.reads = reads;
  }

  public void mount(Router router) {
    router.get("/api/events/:id/snapshot").handler(ctx -> handle(ctx, ctx.pathParam("id")));
    router.get("/api/snapshots/:eventId").handler(ctx -> handle(ctx, ctx.pathParam("eventId")));
  }

  private sealed interface Outcome {}

  private record Image(byte[] bytes) implements Outcome {}

  private record Missing() implements Outcome {}

  private record FaceRefused(String reason) implements Outcome {}

  private void handle(RoutingContext ctx, String eventId) {
    Jurisdiction jurisdiction = Jurisdiction.of(ctx, places);
    View view = View.of(jurisdiction.caller());
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx,
        () -> {
          Optional<EventStore.EventOrigin> origin =
              events.origin(eventId).filter(o -> jurisdiction.coversDevice(o.deviceId()));
          if (origin.isEmpty()) {
            return new Missing();
          }
          boolean face = PersonalData.isFaceEvent(origin.get().kind());
          if (face && !view.photos()) {
            return new FaceRefused(
                "event "
                    + eventId
                    + " is a "
                    + origin.get().kind()
                    + " and its snapshot is a face: it needs full clearance, and role "
                    + jurisdiction.caller().role().label()
                    + " with "
                    + jurisdiction.caller().clearance().label()
                    + " clearance does not have it");
          }
          Optional<byte[]> image = snapshots.image(eventId);
          if (image.isEmpty()) {
            return new Missing();
          }
          if (face) {
            reads.record(jurisdiction.caller(), from, PersonalReads.SNAPSHOT, eventId);
          }
          return new Image(image.get());
        },
        outcome -> {
          if (outcome instanceof Image image) {
            ctx.response()
                .putHeader("content-type", SnapshotRef.JPEG)
                .putHeader("cache-control", "private, max-age=3600")
                .end(Buffer.buffer(image.bytes()));
          } else if (outcome instanceof FaceRefused refused) {
            ProblemReplies.forbidden(ctx, refused.reason());
          } else {
            ProblemReplies.notFound(
                ctx,
                "no snapshot kept for event "
                    + eventId
                    + " (none was sent, or retention removed it)");
          }
        });
  }
}
