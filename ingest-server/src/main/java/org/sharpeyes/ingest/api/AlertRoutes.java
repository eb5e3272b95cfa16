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
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.QueryReader;
import org.sharpeyes.ingest.reference.RegionDirectory;
import org.sharpeyes.ingest.reference.Severity;

/**
 * {@code GET /api/alerts} and {@code GET /api/alerts/{id}}. The store is read, and the answer
 * rendered, through the {@link BlockingDispatch}.
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
  private final RegionDirectory regions;
  private final AlertJson json;
  private final BlockingDispatch dispatch;

  AlertRoutes(
      AlertStore store, RegionDirectory regions, AlertJson json, BlockingDispatch dispatch) {
    this.store = store;
    this.regions = regions;
    this.json = json;
    this.dispatch = dispatch;
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
    String region = query.known("region", regions::contains, "unknown region code ");
    Instant since = query.instant("since");
    Instant until = query.instant("until");
    query.checkOrder(since, until);
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    if (query.refused(ctx)) {
      return;
    }
    AlertFilter filter = new AlertFilter(states, severities, region, since, until, limit);
    dispatch.respond(
        ctx,
        () -> {
          JsonArray items = new JsonArray();
          store.find(filter).forEach(a -> items.add(json.summary(a)));
          return new JsonObject().put("alerts", items).put("count", items.size()).toBuffer();
        },
        body -> ok(ctx, body));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    dispatch.respond(
        ctx,
        () -> {
          Optional<Alert> alert = store.get(id);
          if (alert.isEmpty()) {
            return Optional.<Buffer>empty();
          }
          return Optional.of(
              json.detail(alert.get(), store.evidence(id, EVIDENCE_SHOWN)).toBuffer());
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
