package org.sharpeyes.ingest.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.PersonalData.View;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.ProblemType;
import org.sharpeyes.ingest.http.QueryReader;
import org.sharpeyes.ingest.reference.CommandStructure;
import org.sharpeyes.ingest.workflow.Action;
import org.sharpeyes.ingest.workflow.StepRequest;
import org.sharpeyes.ingest.workflow.StepResult;
import org.sharpeyes.ingest.workflow.WorkflowModule;
import org.sharpeyes.ingest.workflow.WorkflowStore;
import org.sharpeyes.ingest.workflow.WorkflowStore.Held;
import org.sharpeyes.ingest.workflow.WorkflowStore.Photo;

/**
 * The desk's routes (docs/api.md, "Workflow"): {@code GET /api/desks}, {@code GET
 * /api/desks/{code}/queue}, {@code GET /api/dispatched}, {@code GET /api/alerts/{id}/workflow},
 * {@code POST /api/alerts/{id}/transitions} (with {@code If-Match}) and a report's photo.
 */
final class WorkflowRoutes {

  static final int TIMELINE_SHOWN = 200;
  private static final Set<String> STEP_FIELDS =
      Set.of("action", "note", "assignee", "assigneeKind", "due", "photo");

  private final WorkflowModule workflow;
  private final WorkflowStore store;
  private final WorkflowJson json;
  private final Whereabouts places;
  private final BlockingDispatch dispatch;
  private final WorkflowConfig config;

  WorkflowRoutes(
      WorkflowModule workflow,
      WorkflowJson json,
      Whereabouts places,
      BlockingDispatch dispatch,
      WorkflowConfig config) {
    this.workflow = workflow;
    this.store = workflow.store();
    this.json = json;
    this.places = places;
    this.dispatch = dispatch;
    this.config = config;
  }

  void mount(Router router) {
    router.get("/api/desks").handler(this::desks);
    router.get("/api/desks/:code/queue").handler(this::queue);
    router.get("/api/dispatched").handler(this::dispatched);
    router.get("/api/alerts/:id/workflow").handler(this::view);
    router.get("/api/alerts/:id/steps/:seq/photo").handler(this::photo);
    // base64 grows a photo by 4/3; a little room for the other fields.
    long limit = config.reportPhotoMaxBytes() * 4 / 3 + 16 * 1024;
    router
        .post("/api/alerts/:id/transitions")
        .handler(BodyHandler.create(false).setBodyLimit(limit))
        .handler(this::step);
  }

  /**
   * Desks of the caller's subtree (and the ones above, where escalations go), departments, staff.
   */
  private void desks(RoutingContext ctx) {
    Jurisdiction j = Jurisdiction.of(ctx, places);
    CommandStructure c = workflow.command();
    JsonArray desks = new JsonArray();
    c.desks().stream()
        .filter(
            d -> j.covers(d.regionCode()) || places.regions().isWithin(j.code(), d.regionCode()))
        .forEach(d -> desks.add(json.desk(d.regionCode()).put("mine", j.covers(d.regionCode()))));
    JsonArray departments = new JsonArray();
    c.departments()
        .forEach(
            d ->
                departments.add(
                    new JsonObject()
                        .put("id", d.id())
                        .put("name", d.name())
                        .put("desk", d.deskCode())));
    JsonArray staff = new JsonArray();
    c.staff().stream()
        .filter(s -> j.covers(s.deskCode()))
        .forEach(
            s ->
                staff.add(
                    new JsonObject()
                        .put("user", s.user())
                        .put("kind", s.kind())
                        .put("desk", s.deskCode())
                        .put("grids", new JsonArray(s.grids().stream().sorted().toList()))));
    ctx.json(
        new JsonObject().put("desks", desks).put("departments", departments).put("staff", staff));
  }

  private void queue(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    QueryReader query = new QueryReader(ctx.queryParams(), Set.of("limit"));
    int limit = query.limit(AlertRoutes.DEFAULT_LIMIT, AlertRoutes.MAX_LIMIT);
    if (query.refused(ctx)) {
      return;
    }
    if (workflow.routing().desk(code).isEmpty()) {
      ProblemReplies.notFound(ctx, "no desk " + code);
      return;
    }
    Jurisdiction j = Jurisdiction.of(ctx, places);
    if (!j.covers(code)) {
      ProblemReplies.forbidden(ctx, j.outside(code));
      return;
    }
    View view = View.of(j.caller());
    dispatch.respond(
        ctx,
        () -> {
          JsonArray items = new JsonArray();
          store.queue(code, limit).forEach(h -> items.add(json.row(h, view)));
          return new JsonObject()
              .put("desk", json.desk(code))
              .put("alerts", items)
              .put("count", items.size())
              .toBuffer();
        },
        body -> AlertRoutes.ok(ctx, body));
  }

  private void dispatched(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    View view = View.of(caller);
    dispatch.respond(
        ctx,
        () -> {
          JsonArray items = new JsonArray();
          store
              .dispatchedTo(caller.name(), AlertRoutes.DEFAULT_LIMIT)
              .forEach(h -> items.add(json.row(h, view)));
          return new JsonObject().put("alerts", items).put("count", items.size()).toBuffer();
        },
        body -> AlertRoutes.ok(ctx, body));
  }

  private void view(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal caller = Principal.of(ctx);
    dispatch.respond(
        ctx,
        () -> {
          Optional<Held> h = visible(caller, id);
          return h.isEmpty() ? Optional.<Rendered>empty() : Optional.of(render(h.get(), caller));
        },
        found ->
            found.ifPresentOrElse(
                body -> ok(ctx, body),
                () -> ProblemReplies.notFound(ctx, "no alert with id " + id)));
  }

  private Rendered render(Held h, Principal caller) throws java.sql.SQLException {
    JsonObject body =
        json.view(h, store.timeline(h.alert().id(), TIMELINE_SHOWN), caller, View.of(caller));
    return new Rendered(body.toBuffer(), h.revision());
  }

  private record Rendered(Buffer body, int revision) {}

  private static void ok(RoutingContext ctx, Rendered r) {
    ctx.response().putHeader("ETag", "\"" + r.revision + "\"");
    AlertRoutes.ok(ctx, r.body);
  }

  /** The alert if the caller may see it: in the jurisdiction, or dispatched to a grid worker. */
  private Optional<Held> visible(Principal caller, String id) throws java.sql.SQLException {
    Optional<Held> h = store.get(id);
    if (caller.role() == Role.GRID_WORKER) {
      return h.filter(x -> caller.name().equals(x.handling().assignee()));
    }
    Jurisdiction j = new Jurisdiction(caller, places);
    return h.filter(x -> j.seesPath(x.alert().regionPath()));
  }

  private void photo(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    int seq;
    try {
      seq = Integer.parseInt(ctx.pathParam("seq"));
    } catch (NumberFormatException e) {
      ProblemReplies.notFound(ctx, "no step " + ctx.pathParam("seq"));
      return;
    }
    Principal caller = Principal.of(ctx);
    dispatch.respond(
        ctx,
        () -> visible(caller, id).isEmpty() ? Optional.<Photo>empty() : store.photo(id, seq),
        found ->
            found.ifPresentOrElse(
                p ->
                    ctx.response()
                        .putHeader("Content-Type", p.contentType())
                        .putHeader("Cache-Control", "private, no-store")
                        .end(Buffer.buffer(p.bytes())),
                () -> ProblemReplies.notFound(ctx, "no photo on step " + seq + " of " + id)));
  }

  private void step(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal caller = Principal.of(ctx);
    String ifMatch = ctx.request().getHeader("If-Match");
    if (ifMatch == null) {
      ProblemReplies.send(
          ctx,
          ProblemType.PRECONDITION_REQUIRED,
          "send If-Match with the revision of GET /api/alerts/"
              + id
              + "/workflow (its ETag),"
              + " or * to take the step whatever changed");
      return;
    }
    Integer revision = null;
    if (!ifMatch.strip().equals("*")) {
      try {
        revision = Integer.parseInt(ifMatch.strip().replace("W/", "").replace("\"", ""));
      } catch (NumberFormatException e) {
        ProblemReplies.send(
            ctx,
            ProblemType.PRECONDITION_REQUIRED,
            "If-Match must be the ETag of the alert's workflow, e.g. \"3\", or *");
        return;
      }
    }
    StepRequest request;
    try {
      request = request(ctx.body().buffer(), revision);
    } catch (Invalid e) {
      ProblemReplies.send(
          ctx, ProblemType.INVALID_FIELD, e.getMessage(), new JsonObject().put("field", e.field));
      return;
    }
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx,
        () -> {
          StepResult r = workflow.transitions().take(caller, from, id, request);
          return r instanceof StepResult.Done d
              ? new Answer(r, render(d.now(), caller))
              : new Answer(r, null);
        },
        answer -> answer(ctx, id, answer));
  }

  private record Answer(StepResult result, Rendered rendered) {}

  private static void answer(RoutingContext ctx, String id, Answer a) {
    StepResult r = a.result();
    if (r instanceof StepResult.Done) {
      ok(ctx, a.rendered());
    } else if (r instanceof StepResult.NotFound) {
      ProblemReplies.notFound(ctx, "no alert with id " + id);
    } else if (r instanceof StepResult.Refused refused) {
      ProblemReplies.forbidden(ctx, refused.reason());
    } else if (r instanceof StepResult.Stale s) {
      ctx.response().putHeader("ETag", "\"" + s.current().revision() + "\"");
      ProblemReplies.send(
          ctx,
          ProblemType.STALE,
          "the alert changed since revision was read: it is now at revision "
              + s.current().revision()
              + ", "
              + s.current().alert().state().label()
              + "; read it again and decide",
          new JsonObject()
              .put("revision", s.current().revision())
              .put("state", s.current().alert().state().label()));
    } else if (r instanceof StepResult.Illegal i) {
      ProblemReplies.send(
          ctx,
          ProblemType.ILLEGAL_TRANSITION,
          i.reason(),
          new JsonObject()
              .put("state", i.current().alert().state().label())
              .put("revision", i.current().revision()));
    } else if (r instanceof StepResult.Invalid inv) {
      ProblemReplies.send(
          ctx,
          ProblemType.INVALID_FIELD,
          inv.field() + " " + inv.reason(),
          new JsonObject().put("field", inv.field()));
    }
  }

  private static final class Invalid extends Exception {
    final String field;

    Invalid(String field, String message) {
      super(field + " " + message);
      this.field = field;
    }
  }

  private static StepRequest request(Buffer body, Integer revision) throws Invalid {
    JsonObject o;
    try {
      Object v =
          body == null || body.length() == 0 ? null : io.vertx.core.json.Json.decodeValue(body);
      if (!(v instanceof JsonObject obj)) {
        throw new Invalid(
            "body",
            "must be a JSON object with action and, as the step needs, note,"
                + " assignee, assigneeKind, due, photo");
      }
      o = obj;
    } catch (DecodeException e) {
      throw new Invalid("body", "is not valid JSON");
    }
    for (String name : new TreeSet<>(o.fieldNames())) {
      if (!STEP_FIELDS.contains(name)) {
        throw new Invalid(
            name,
            "is not a field of a step; known: " + String.join(", ", new TreeSet<>(STEP_FIELDS)));
      }
    }
    String actionText = string(o, "action");
    Action action =
        actionText == null
            ? null
            : Action.fromLabel(actionText).filter(a -> !a.serverOnly()).orElse(null);
    if (action == null) {
      throw new Invalid(
          "action",
          (actionText == null ? "is required" : "'" + actionText + "' is not a step")
              + "; one of "
              + Action.labels());
    }
    Instant due = null;
    String dueText = string(o, "due");
    if (dueText != null) {
      try {
        due = Instant.parse(dueText);
      } catch (DateTimeParseException e) {
        throw new Invalid("due", "is not an ISO-8601 instant, e.g. 2026-12-08T09:00:00Z");
      }
    }
    Photo photo = null;
    String photoText = string(o, "photo");
    if (photoText != null) {
      if (action != Action.REPORT) {
        throw new Invalid("photo", "goes only with report");
      }
      byte[] bytes = org.sharpeyes.ingest.workflow.Photos.decode(photoText);
      if (bytes == null) {
        throw new Invalid("photo", "is not base64 (or a data: URL)");
      }
      photo = new Photo(org.sharpeyes.ingest.workflow.Photos.contentType(bytes), bytes);
    }
    return new StepRequest(
        action,
        string(o, "note"),
        string(o, "assigneeKind"),
        string(o, "assignee"),
        due,
        photo,
        revision);
  }

  private static String string(JsonObject o, String name) throws Invalid {
    Object v = o.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new Invalid(name, "must be a string");
    }
    return s;
  }
}
