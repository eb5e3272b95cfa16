package org.sharpeyes.ingest.watchlist;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.PersonalData;
import org.sharpeyes.ingest.auth.PersonalData.View;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.FieldError;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.ProblemType;
import org.sharpeyes.schema.sync.WatchlistManifest;
import org.sharpeyes.schema.topic.Topics;

/**
 * Enrolment over HTTP (see {@code openapi.json}):
 *
 * <ul>
 *   <li>{@code GET /api/watchlist}: the version, its persons, the edges it was sent to, and the
 *       problems of the last folder import
 *   <li>{@code GET|POST /api/key-persons/{id}/photos}: a person's photos; enrol one (the body is
 *       the JPEG or PNG)
 *   <li>{@code GET|DELETE /api/key-persons/{id}/photos/{sha256}}: the stored face crop; remove it
 * </ul>
 *
 * Store reads and writes and the photo check run through the {@link BlockingDispatch}; every error
 * is a problem reply.
 *
 * <p>A caller sees the key persons whose home lies in its jurisdiction; any other is answered as
 * unknown (404). Photo links are withheld below full clearance ({@link PersonalData}); each JPEG
 * read is on the audit record before it is sent.
 */
final class WatchlistRoutes {

  private final Watchlist watchlist;
  private final WatchlistPublisher publisher;
  private final long maxPhotoBytes;
  private final PhotoImport.Report lastImport;
  private final BlockingDispatch dispatch;
  private final Whereabouts places;
  private final PersonalReads reads;

  WatchlistRoutes(
      Watchlist watchlist,
      WatchlistPublisher publisher,
      long maxPhotoBytes,
      PhotoImport.Report lastImport,
      BlockingDispatch dispatch,
      Whereabouts places,
      PersonalReads reads) {
    this.watchlist = watchlist;
    this.publisher = publisher;
    this.maxPhotoBytes = maxPhotoBytes;
    this.lastImport = lastImport;
    this.dispatch = dispatch;
    this.places = places;
    this.reads = reads;
  }

  void mount(Router router) {
    router.get("/api/watchlist").handler(this::summary);
    router.get("/api/key-persons/:id/photos").handler(this::list);
    router
        .post("/api/key-persons/:id/photos")
        .handler(BodyHandler.create(false).setBodyLimit(maxPhotoBytes))
        .handler(this::enrol);
    router.get("/api/key-persons/:id/photos/:sha256").handler(this::jpeg);
    router.delete("/api/key-persons/:id/photos/:sha256").handler(this::remove);
  }

  private void summary(RoutingContext ctx) {
    Jurisdiction jurisdiction = Jurisdiction.of(ctx, places);
    dispatch.respond(ctx, () -> summaryJson(publisher.edges(), jurisdiction), ctx::json);
  }

  private JsonObject summaryJson(Map<String, Long> sent, Jurisdiction jurisdiction) {
    WatchlistManifest m = watchlist.current();
    View view = View.of(jurisdiction.caller());
    JsonArray persons = new JsonArray();
    m.persons().stream()
        .filter(p -> jurisdiction.coversPerson(p.personId()))
        .forEach(
            p ->
                persons.add(
                    PersonalData.putPhotoLink(
                        new JsonObject()
                            .put("personId", p.personId())
                            .put("riskLevel", p.riskLevel())
                            .put("threshold", p.threshold()),
                        "photos",
                        new JsonArray(p.photos()),
                        view)));
    JsonArray edges = new JsonArray();
    sent.entrySet().stream()
        .filter(e -> jurisdiction.coversEdge(e.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                edges.add(new JsonObject().put("edgeId", e.getKey()).put("version", e.getValue())));
    JsonArray problems = new JsonArray();
    lastImport
        .problems()
        .forEach(
            p -> problems.add(new JsonObject().put("file", p.file()).put("reason", p.reason())));
    return new JsonObject()
        .put("version", m.version())
        .put("versionAt", m.publishedAt().toString())
        .put("detector", watchlist.detectorId())
        .put("persons", persons)
        .put("sentTo", edges)
        .put("publisherConnected", publisher.connected())
        .put("publisherError", publisher.lastError())
        .put(
            "lastImport",
            new JsonObject()
                .put("enrolled", lastImport.enrolled())
                .put("alreadyEnrolled", lastImport.alreadyEnrolled())
                .put("problems", problems));
  }

  /** True when the person is known and at home in the caller's jurisdiction; else a 404. */
  private boolean visible(RoutingContext ctx, String id) {
    if (watchlist.knows(id) && Jurisdiction.of(ctx, places).coversPerson(id)) {
      return true;
    }
    ProblemReplies.notFound(ctx, "no key person " + id);
    return false;
  }

  private void list(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!visible(ctx, id)) {
      return;
    }
    View view = View.of(Principal.of(ctx));
    dispatch.respond(ctx, () -> toJson(watchlist.photos(id), view), ctx::json);
  }

  private void enrol(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!visible(ctx, id)) {
      return;
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      ProblemReplies.badRequest(
          ctx, List.of(new FieldError("body", "send the photo (JPEG or PNG) as the request body")));
      return;
    }
    byte[] bytes = body.getBytes();
    Principal caller = Principal.of(ctx);
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx,
        () -> {
          Watchlist.Enrolment result = watchlist.enrol(id, bytes, "upload");
          if (result instanceof Watchlist.Enrolled e) {
            reads.recordChange(
                caller, from, PersonalReads.PHOTO_ADD, id + "/" + e.photo().sha256(), "ok", "");
          } else if (result instanceof Watchlist.Refused r) {
            reads.recordChange(caller, from, PersonalReads.PHOTO_ADD, id, "refused", r.reason());
          }
          return result;
        },
        result -> {
          if (result instanceof Watchlist.Enrolled e) {
            ctx.response().setStatusCode(201).putHeader("location", link(e.photo()));
            ctx.json(
                photoJson(e.photo(), View.of(Principal.of(ctx)))
                    .put("watchlistVersion", watchlist.current().version()));
          } else if (result instanceof Watchlist.AlreadyEnrolled a) {
            ProblemReplies.send(
                ctx,
                ProblemType.ALREADY_ENROLLED,
                "this photo is enrolled already for "
                    + a.photo().personId()
                    + " as "
                    + a.photo().sha256());
          } else if (result instanceof Watchlist.UnknownPerson u) {
            ProblemReplies.notFound(ctx, "no key person " + u.personId());
          } else {
            ProblemReplies.send(
                ctx, ProblemType.PHOTO_REFUSED, ((Watchlist.Refused) result).reason());
          }
        });
  }

  private void jpeg(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String sha = ctx.pathParam("sha256");
    if (!visible(ctx, id)) {
      return;
    }
    Principal caller = Principal.of(ctx);
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx,
        () -> {
          Optional<byte[]> jpeg =
              watchlist.photo(sha).filter(p -> p.personId().equals(id)).isPresent()
                  ? watchlist.jpeg(sha)
                  : Optional.<byte[]>empty();
          if (jpeg.isPresent()) {
            reads.record(caller, from, PersonalReads.PHOTO, sha);
          }
          return jpeg;
        },
        jpeg -> {
          if (jpeg.isEmpty()) {
            ProblemReplies.notFound(ctx, "no photo " + sha + " of " + id);
          } else {
            ctx.response()
                .putHeader("content-type", "image/jpeg")
                .putHeader("cache-control", "private, max-age=3600")
                .end(Buffer.buffer(jpeg.get()));
          }
        });
  }

  private void remove(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String sha = ctx.pathParam("sha256");
    if (!visible(ctx, id)) {
      return;
    }
    if (!Topics.SHA256.matcher(sha).matches()) {
      ProblemReplies.notFound(ctx, "no photo " + sha + " of " + id);
      return;
    }
    Principal caller = Principal.of(ctx);
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx,
        () -> {
          boolean removed = watchlist.remove(id, sha);
          if (removed) {
            reads.recordChange(caller, from, PersonalReads.PHOTO_DELETE, id + "/" + sha, "ok", "");
          }
          return removed;
        },
        removed -> {
          if (removed) {
            ctx.response().setStatusCode(204).end();
          } else {
            ProblemReplies.notFound(ctx, "no photo " + sha + " of " + id);
          }
        });
  }

  private static JsonArray toJson(List<EnrolmentPhoto> photos, View view) {
    JsonArray out = new JsonArray();
    photos.forEach(p -> out.add(photoJson(p, view)));
    return out;
  }

  private static JsonObject photoJson(EnrolmentPhoto p, View view) {
    JsonObject json =
        new JsonObject()
            .put("sha256", p.sha256())
            .put("personId", p.personId())
            .put("source", p.source())
            .put("faceScore", Math.round(p.faceScore() * 1000) / 1000.0)
            .put("faceWidth", p.faceWidth())
            .put("bytes", p.bytes())
            .put("addedAt", p.addedAt().toString());
    return PersonalData.putPhotoLink(json, "href", link(p), view);
  }

  private static String link(EnrolmentPhoto p) {
    return "/api/key-persons/" + p.personId() + "/photos/" + p.sha256();
  }
}
