package org.sharpeyes.ingest.plan;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.FieldError;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.workflow.WorkflowStore;
import org.sharpeyes.ingest.workflow.WorkflowStore.Held;

/**
 * {@code GET /api/plans}, {@code POST /api/plans/reload}, {@code GET /api/alerts/{id}/plan} and
 * {@code POST /api/alerts/{id}/plan/steps/{n}} (docs/api.md, "Disposal plans").
 */
final class PlanRoutes {

  private final Plans plans;
  private final PlanTicks ticks;
  private final WorkflowStore alerts;
  private final Whereabouts places;
  private final BlockingDispatch dispatch;
  private final AuditTrail audit;
  private final Clock clock;

  PlanRoutes(
      Plans plans,
      PlanTicks ticks,
      WorkflowStore alerts,
      Whereabouts places,
      BlockingDispatch dispatch,
      AuditTrail audit,
      Clock clock) {
    this.plans = plans;
    this.ticks = ticks;
    this.alerts = alerts;
    this.places = places;
    this.dispatch = dispatch;
    this.audit = audit;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/plans").handler(this::list);
    router.post("/api/plans/reload").handler(this::reload);
    router.get("/api/alerts/:id/plan").handler(this::view);
    router.post("/api/alerts/:id/plan/steps/:n").handler(this::tick);
  }

  private void list(RoutingContext ctx) {
    ctx.json(book(plans.current()));
  }

  private void reload(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx,
        () -> {
          ConfigResult<PlanBook> r = plans.reload();
          boolean ok = r instanceof ConfigResult.Success;
          audit.record(
              new AuditEntry(
                  clock.instant(),
                  caller.name(),
                  from,
                  "plan.reload",
                  PlanFile.NAME,
                  ok ? "ok" : "refused",
                  ok
                      ? "version " + plans.current().version()
                      : ((ConfigResult.Failure<PlanBook>) r).problems().size() + " problems"));
          return r;
        },
        r -> {
          if (r instanceof ConfigResult.Failure<PlanBook> f) {
            ProblemReplies.badRequest(
                ctx,
                f.problems().stream().map(p -> new FieldError(p.path(), p.message())).toList());
          } else {
            ctx.json(book(plans.current()));
          }
        });
  }

  private void view(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal caller = Principal.of(ctx);
    dispatch.respond(
        ctx,
        () -> {
          Optional<Held> h = visible(caller, id);
          if (h.isEmpty()) {
            return Optional.<JsonObject>empty();
          }
          Optional<Plan> plan = plans.current().forRule(h.get().alert().rule());
          return plan.isEmpty()
              ? Optional.<JsonObject>empty()
              : Optional.of(onAlert(id, plan.get()));
        },
        found ->
            found.ifPresentOrElse(
                ctx::json,
                () -> ProblemReplies.notFound(ctx, "no alert " + id + " with a disposal plan")));
  }

  private void tick(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    int n;
    try {
      n = Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      ProblemReplies.notFound(ctx, "no step " + ctx.pathParam("n") + "; steps are numbered 1..");
      return;
    }
    Principal caller = Principal.of(ctx);
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx,
        () -> tick(caller, from, id, n),
        answer -> {
          if (answer.body() != null) {
            ctx.json(answer.body());
          } else if (answer.status() == 403) {
            ProblemReplies.forbidden(ctx, answer.reason());
          } else {
            ProblemReplies.notFound(ctx, answer.reason());
          }
        });
  }

  private record Answer(JsonObject body, int status, String reason) {}

  private Answer tick(Principal caller, String from, String id, int n) throws Exception {
    Optional<Held> h = alerts.get(id);
    if (h.isEmpty()) {
      return new Answer(null, 404, "no alert with id " + id);
    }
    Alert a = h.get().alert();
    if (!new Jurisdiction(caller, places).seesPath(a.regionPath())) {
      return new Answer(
          null, 403, "alert " + id + " is outside the jurisdiction of " + caller.name());
    }
    Optional<Plan> plan = plans.current().forRule(a.rule());
    if (plan.isEmpty()) {
      return new Answer(null, 404, "rule " + a.rule() + " has no disposal plan");
    }
    if (n < 1 || n > plan.get().steps().size()) {
      return new Answer(
          null,
          404,
          "no step " + n + "; the plan of " + a.rule() + " has 1.." + plan.get().steps().size());
    }
    Instant now = clock.instant();
    if (ticks.tick(id, n, caller.name(), now).isPresent()) {
      audit.record(
          new AuditEntry(
              now,
              caller.name(),
              from,
              "plan.tick",
              id,
              "ok",
              a.rule() + " step " + n + ": " + plan.get().steps().get(n - 1)));
    }
    return new Answer(onAlert(id, plan.get()), 200, null);
  }

  /** The alert if the caller may see it: in the jurisdiction, or dispatched to a grid worker. */
  private Optional<Held> visible(Principal caller, String id) throws Exception {
    Optional<Held> h = alerts.get(id);
    if (caller.role() == Role.GRID_WORKER) {
      return h.filter(x -> caller.name().equals(x.handling().assignee()));
    }
    Jurisdiction j = new Jurisdiction(caller, places);
    return h.filter(x -> j.seesPath(x.alert().regionPath()));
  }

  private JsonObject onAlert(String alertId, Plan plan) throws Exception {
    Map<Integer, PlanTicks.Tick> ticked = ticks.of(alertId);
    JsonArray steps = new JsonArray();
    List<String> texts = plan.steps();
    for (int i = 0; i < texts.size(); i++) {
      PlanTicks.Tick t = ticked.get(i + 1);
      steps.add(
          new JsonObject()
              .put("n", i + 1)
              .put("text", texts.get(i))
              .put("ticked", t != null)
              .put("tickedBy", t == null ? null : t.by())
              .put("tickedAt", t == null ? null : t.at().toString()));
    }
    return new JsonObject()
        .put("alertId", alertId)
        .put("rule", plan.rule())
        .put("title", plan.title())
        .put("version", plans.current().version())
        .put("steps", steps);
  }

  private static JsonObject book(PlanBook b) {
    JsonArray items = new JsonArray();
    b.plans().values().stream()
        .sorted(java.util.Comparator.comparing(Plan::rule))
        .forEach(
            p ->
                items.add(
                    new JsonObject()
                        .put("rule", p.rule())
                        .put("title", p.title())
                        .put("steps", new JsonArray(p.steps()))));
    return new JsonObject()
        .put("version", b.version())
        .put("loadedAt", b.loadedAt().toString())
        .put("plans", items);
  }
}
