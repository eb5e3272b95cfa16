package org.sharpeyes.ingest.watchlist;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.sharpeyes.ingest.http.HttpErrors;
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
 */
final class WatchlistRoutes {

  private final Vertx vertx;
  private final Watchlist watchlist;
  private final WatchlistPublisher publisher;
  private final long maxPhotoBytes;
  private final PhotoImport.Report lastImport;

  WatchlistRoutes(
      Vertx vertx,
      Watchlist watchlist,
      WatchlistPublisher publisher,
      long maxPhotoBytes,
      PhotoImport.Report lastImport) {
    this.vertx = vertx;
    this.watchlist = watchlist;
    this.publisher = publisher;
    this.maxPhotoBytes = maxPhotoBytes;
    this.lastImport = lastImport;
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
    blocking(
        ctx,
        publisher::edges,
        sent -> {
          WatchlistManifest m = watchlist.current();
          JsonArray persons = new JsonArray();
          m.persons()
              .forEach(
                  p ->
                      persons.add(
                          new JsonObject()
                              .put("personId", p.personId())
                              .put("riskLevel", p.riskLevel())
                              .put("threshold", p.threshold())
                              .put("photos", new JsonArray(p.photos()))));
          JsonArray edges = new JsonArray();
          sent.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .forEach(
                  e ->
                      edges.add(
                          new JsonObject().put("edgeId", e.getKey()).put("version", e.getValue())));
          JsonArray problems = new JsonArray();
          lastImport
              .problems()
              .forEach(
                  p ->
                      problems.add(
                          new JsonObject().put("file", p.file()).put("reason", p.reason())));
          ctx.json(
              new JsonObject()
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
                          .put("problems", problems)));
        });
  }

  private void list(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!watchlist.knows(id)) {
      HttpErrors.send(ctx, 404, "not-found", "no key person " + id);
      return;
    }
    blocking(ctx, () -> watchlist.photos(id), photos -> ctx.json(toJson(photos)));
  }

  private void enrol(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      HttpErrors.send(ctx, 400, "bad-request", "send the photo (JPEG or PNG) as the request body");
      return;
    }
    byte[] bytes = body.getBytes();
    blocking(
        ctx,
        () -> watchlist.enrol(id, bytes, "upload"),
        result -> {
          if (result instanceof Watchlist.Enrolled e) {
            ctx.response().setStatusCode(201).putHeader("location", link(e.photo()));
            ctx.json(photoJson(e.photo()).put("watchlistVersion", watchlist.current().version()));
          } else if (result instanceof Watchlist.AlreadyEnrolled a) {
            HttpErrors.send(
                ctx,
                409,
                "already-enrolled",
                "this photo is enrolled already for "
                    + a.photo().personId()
                    + " as "
                    + a.photo().sha256());
          } else if (result instanceof Watchlist.UnknownPerson u) {
            HttpErrors.send(ctx, 404, "not-found", "no key person " + u.personId());
          } else {
            HttpErrors.send(ctx, 422, "photo-refused", ((Watchlist.Refused) result).reason());
          }
        });
  }

  private void jpeg(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String sha = ctx.pathParam("sha256");
    blocking(
        ctx,
        () ->
            watchlist
                .photo(sha)
                .filter(p -> p.personId().equals(id))
                .flatMap(p -> uncheckedJpeg(sha)),
        jpeg -> {
          if (jpeg.isEmpty()) {
            HttpErrors.send(ctx, 404, "not-found", "no photo " + sha + " of " + id);
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
    if (!Topics.SHA256.matcher(sha).matches()) {
      HttpErrors.send(ctx, 404, "not-found", "no photo " + sha + " of " + id);
      return;
    }
    blocking(
        ctx,
        () -> watchlist.remove(id, sha),
        removed -> {
          if (removed) {
            ctx.response().setStatusCode(204).end();
          } else {
            HttpErrors.send(ctx, 404, "not-found", "no photo " + sha + " of " + id);
          }
        });
  }

  private java.util.Optional<byte[]> uncheckedJpeg(String sha) {
    try {
      return watchlist.jpeg(sha);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> void blocking(RoutingContext ctx, Callable<T> work, Consumer<T> reply) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(reply::accept)
        .onFailure(
            e ->
                HttpErrors.send(
                    ctx, 503, "store-unavailable", "cannot read or write enrolments: " + e));
  }

  private static JsonArray toJson(List<EnrolmentPhoto> photos) {
    JsonArray out = new JsonArray();
    photos.forEach(p -> out.add(photoJson(p)));
    return out;
  }

  private static JsonObject photoJson(EnrolmentPhoto p) {
    return new JsonObject()
        .put("sha256", p.sha256())
        .put("personId", p.personId())
        .put("source", p.source())
        .put("faceScore", Math.round(p.faceScore() * 1000) / 1000.0)
        .put("faceWidth", p.faceWidth())
        .put("bytes", p.bytes())
        .put("addedAt", p.addedAt().toString())
        .put("href", link(p));
  }

  private static String link(EnrolmentPhoto p) {
    return "/api/key-persons/" + p.personId() + "/photos/" + p.sha256();
  }
}
