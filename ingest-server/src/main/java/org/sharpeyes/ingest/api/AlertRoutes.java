package org.sharpeyes.ingest.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertFilter;
import org.sharpeyes.ingest.alert.AlertState;
import org.sharpeyes.ingest.alert.AlertStore;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.PersonalData.View;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.QueryReader;
import org.sharpeyes.ingest.reference.Severity;

/**
 * {@code GET /api/alerts} and {@code GET /api/alerts/{id}}, narrowed to the caller's jurisdiction
 * ({@code region} may only narrow it: outside, 403) and masked by its clearance. The store is read,
 * and the answer rendered, through the {@link BlockingDispatch}.
 */
final class AlertRoutes {

  static final String JSON = "application/json; charset=utf-8";
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /** Evidence rows shown in the detail; {@code count} tells how many there are in all. */
  static final int EVIDENCE_SHOWN = 100;

  private static final Set<String> LIST_PARAMS =
      Set.of("state", "severity", "region", "since", "until", "limit");

  private final AlertStore store;
  private final Whereabouts places;
  private final AlertJson json;
  private final BlockingDispatch dispatch;
  private final PersonalReads reads;

  AlertRoutes(
      AlertStore store,
      Whereabouts places,
      AlertJson json,
      BlockingDispatch dispatch,
      PersonalReads reads) {
    this.store = store;
    this.places = places;
    this.json = json;
    this.dispatch = dispatch;
    this.reads = reads;
  }

  void mount(Router router) {
    router.get("/api/alerts").handler(this::list);
    router.get("/api/alerts/:id").handler(this::get);
  }

  private void list(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx.queryParams(), LIST_PARAMS);
    Set<AlertState> states = EnumSet.noneOf(AlertState.class);
    for (String s : query.all("state")) {
      AlertState.fromLabel(s)
          .ifPresentOrElse(
              states::add,
              () -> query.problem("state", "'" + s + "' is not one of " + AlertState.labels()));
    }
    Set<Severity> severities = EnumSet.noneOf(Severity.class);
    for (String s : query.all("severity")) {
      Severity.fromLabel(s)
          .ifPresentOrElse(
              severities::add,
              () -> query.problem("severity", "'" + s + "' is not one of " + Severity.labels()));
    }
    String region = query.known("region", places.regions()::contains, "unknown region code ");
    Instant since = query.instant("since");
    Instant until = query.instant("until");
    query.checkOrder(since, until);
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    if (query.refused(ctx)) {
      return;
    }
    Jurisdiction jurisdiction = Jurisdiction.of(ctx, places);
    Optional<String> within = jurisdiction.narrow(region);
    if (within.isEmpty()) {
      ProblemReplies.forbidden(ctx, jurisdiction.outside(region));
      return;
    }
    View view = View.of(jurisdiction.caller());
    AlertFilter filter =
        new AlertFilter(
            states, severities, jurisdiction.listFilter(region, within.get()), since, until, limit);
    dispatch.respond(
        ctx,
        () -> {
          JsonArray items = new JsonArray();
          store.find(filter).forEach(a -> items.add(json.summary(a, view)));
          return new JsonObject().put("alerts", items).put("count", items.size()).toBuffer();
        },
        body -> ok(ctx, body));
  }

  /**
   * An alert outside the caller's subtree is answered exactly as one that does not exist (404), so
   * that ids cannot be probed across jurisdictions. A detail with a person card is on the audit
   * record before it is answered.
   */
  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Jurisdiction jurisdiction = Jurisdiction.of(ctx, places);
    View view = View.of(jurisdiction.caller());
    String from = PersonalReads.from(ctx);
    dispatch.respond(
        ctx,
        () -> {
          Optional<Alert> alert = store.get(id).filter(a -> jurisdiction.seesPath(a.regionPath()));
          if (alert.isEmpty()) {
            return Optional.<Buffer>empty();
          }
          JsonObject detail = json.detail(alert.get(), store.evidence(id, EVIDENCE_SHOWN), view);
          JsonObject card = detail.getJsonObject("person");
          if (card != null) {
            reads.record(jurisdiction.caller(), from, PersonalReads.PERSON, card.getString("id"));
          }
          return Optional.of(detail.toBuffer());
        },
        found ->
            found.ifPresentOrElse(
                body -> ok(ctx, body),
                () -> ProblemReplies.notFound(ctx, "no alert with id " + id)));
  }

  static void ok(RoutingContext ctx, Buffer body) {
    ctx.response().putHeader("Content-Type", JSON).end(body);
  }
}
