package org.sharpeyes.ingest.api;

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
import org.sharpeyes.ingest.reference.RegionDirectory;
import org.sharpeyes.ingest.reference.Severity;

/** {@code GET /api/alerts} and {@code GET /api/alerts/{id}}. */
final class AlertRoutes {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /** Evidence rows shown in the detail; {@code count} tells how many there are in all. */
  static final int EVIDENCE_SHOWN = 100;

  private static final Set<String> LIST_PARAMS =
      Set.of("state", "severity", "region", "since", "until", "limit");

  private final AlertStore store;
  private final RegionDirectory regions;
  private final AlertJson json;
  private final BlockingQueries queries;

  AlertRoutes(AlertStore store, RegionDirectory regions, AlertJson json, BlockingQueries queries) {
    this.store = store;
    this.regions = regions;
    this.json = json;
    this.queries = queries;
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
    String region = query.region(regions);
    Instant since = query.instant("since");
    Instant until = query.instant("until");
    query.checkOrder(since, until);
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    if (!query.ok()) {
      JsonReplies.badQuery(ctx, query);
      return;
    }
    AlertFilter filter = new AlertFilter(states, severities, region, since, until, limit);
    queries
        .run(() -> store.find(filter))
        .onSuccess(
            alerts -> {
              JsonArray items = new JsonArray();
              alerts.forEach(a -> items.add(json.summary(a)));
              JsonReplies.ok(ctx, new JsonObject().put("alerts", items).put("count", items.size()));
            })
        .onFailure(e -> JsonReplies.failed(ctx, e));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    queries
        .run(
            () -> {
              Optional<Alert> alert = store.get(id);
              if (alert.isEmpty()) {
                return Optional.<JsonObject>empty();
              }
              return Optional.of(json.detail(alert.get(), store.evidence(id, EVIDENCE_SHOWN)));
            })
        .onSuccess(
            found ->
                found.ifPresentOrElse(
                    body -> JsonReplies.ok(ctx, body),
                    () -> JsonReplies.notFound(ctx, "no alert with id " + id)))
        .onFailure(e -> JsonReplies.failed(ctx, e));
  }
}
