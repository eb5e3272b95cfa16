package org.sharpeyes.ingest.suppression;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.FieldError;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.ProblemType;

/**
 * {@code POST /api/suppressions} (snooze), {@code GET /api/suppressions} (the active ones of the
 * jurisdiction, with hits), {@code DELETE /api/suppressions/{id}} (lift). docs/api.md.
 */
final class SuppressionRoutes {

  private static final Set<String> FIELDS =
      Set.of("subjectType", "subjectKey", "deviceId", "siteId", "rule", "for", "reason");
  private static final int BODY_LIMIT = 16 * 1024;

  private final Suppressions suppressions;
  private final BlockingDispatch dispatch;

  SuppressionRoutes(Suppressions suppressions, BlockingDispatch dispatch) {
    this.suppressions = suppressions;
    this.dispatch = dispatch;
  }

  void mount(Router router) {
    router.get("/api/suppressions").handler(this::list);
    router
        .post("/api/suppressions")
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(this::snooze);
    router.delete("/api/suppressions/:id").handler(this::lift);
  }

  private void list(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    dispatch.respond(
        ctx,
        () -> {
          JsonArray items = new JsonArray();
          suppressions.activeFor(caller).forEach(s -> items.add(json(s)));
          return new JsonObject().put("suppressions", items).put("count", items.size());
        },
        body -> ctx.json(body));
  }

  private void snooze(RoutingContext ctx) {
    Suppressions.Snooze request;
    try {
      request = request(ctx.body().buffer());
    } catch (BadBody e) {
      ProblemReplies.badRequest(ctx, List.of(new FieldError(e.path, e.getMessage())));
      return;
    } catch (Unfit e) {
      ProblemReplies.send(
          ctx,
          ProblemType.INVALID_FIELD,
          e.field + " " + e.getMessage(),
          new JsonObject().put("field", e.field));
      return;
    }
    Principal caller = Principal.of(ctx);
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx,
        () -> suppressions.snooze(caller, from, request),
        outcome -> answer(ctx, outcome, 201, "-"));
  }

  private void lift(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal caller = Principal.of(ctx);
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx, () -> suppressions.lift(caller, from, id), outcome -> answer(ctx, outcome, 200, id));
  }

  private static void answer(RoutingContext ctx, Suppressions.Outcome o, int status, String id) {
    if (o instanceof Suppressions.Done d) {
      ctx.response().setStatusCode(status);
      if (status == 201) {
        ctx.response().putHeader("Location", "/api/suppressions/" + d.suppression().id());
      }
      ctx.json(json(d.suppression()));
    } else if (o instanceof Suppressions.NotFound) {
      ProblemReplies.notFound(ctx, "no suppression with id " + id);
    } else if (o instanceof Suppressions.Refused r) {
      ProblemReplies.forbidden(ctx, r.reason());
    } else if (o instanceof Suppressions.Invalid i) {
      ProblemReplies.send(
          ctx,
          ProblemType.INVALID_FIELD,
          i.field() + " " + i.reason(),
          new JsonObject().put("field", i.field()));
    }
  }

  static JsonObject json(Suppression s) {
    return new JsonObject()
        .put("id", s.id())
        .put("kind", s.kind())
        .put("rule", s.rule())
        .put("subjectType", s.subjectType())
        .put("subjectKey", s.subjectKey())
        .put("deviceId", s.deviceId())
        .put("siteId", s.siteId())
        .put("regionPath", s.regionPath())
        .put("reason", s.reason())
        .put("createdBy", s.createdBy())
        .put("createdAt", s.createdAt().toString())
        .put("expiresAt", s.expiresAt().toString())
        .put("liftedAt", s.liftedAt() == null ? null : s.liftedAt().toString())
        .put("hits", s.hits());
  }

  /** The body is not a JSON object of the known fields (400). */
  private static final class BadBody extends Exception {
    final String path;

    BadBody(String path, String message) {
      super(message);
      this.path = path;
    }
  }

  /** A field has the wrong value (422). */
  private static final class Unfit extends Exception {
    final String field;

    Unfit(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  private static Suppressions.Snooze request(Buffer body) throws BadBody, Unfit {
    Object v;
    try {
      v = body == null || body.length() == 0 ? null : Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new BadBody("body", "is not valid JSON");
    }
    if (!(v instanceof JsonObject o)) {
      throw new BadBody(
          "body",
          "must be a JSON object: subjectType, subjectKey, deviceId or"
              + " siteId, rule (optional), for (e.g. PT8H), reason");
    }
    for (String name : new TreeSet<>(o.fieldNames())) {
      if (!FIELDS.contains(name)) {
        throw new BadBody(
            name,
            "is not a field of a suppression; known: " + String.join(", ", new TreeSet<>(FIELDS)));
      }
      if (o.getValue(name) != null && !(o.getValue(name) instanceof String)) {
        throw new BadBody(name, "must be a string");
      }
    }
    Duration duration = null;
    String text = o.getString("for");
    if (text != null) {
      try {
        duration = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new Unfit("for", "'" + text + "' is not an ISO-8601 duration, e.g. PT8H or P1D");
      }
    }
    return new Suppressions.Snooze(
        o.getString("subjectType"),
        o.getString("subjectKey"),
        o.getString("deviceId"),
        o.getString("siteId"),
        o.getString("rule"),
        duration,
        o.getString("reason"));
  }
}
