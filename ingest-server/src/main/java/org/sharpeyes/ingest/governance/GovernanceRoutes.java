package org.sharpeyes.ingest.governance;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.QueryReader;

/**
 * {@code GET /api/governance}, {@code GET /api/governance.csv}, {@code GET /api/governance/trend}
 * and {@code POST /api/governance/recompute} (docs/governance.md): the month's ranking of a level
 * and a unit's trend, narrowed to the caller's jurisdiction, and a month's figures computed again
 * on request (city-wide supervisors). Ranks are the city's: a township supervisor sees its villages
 * with the ranks they hold among all villages.
 */
final class GovernanceRoutes {

  static final int MAX_TREND_MONTHS = 24;
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final String LEVEL_HINT =
      "must be one of " + GovernanceLevel.rankedLabels() + "; unknown level ";

  private final GovernanceIndex index;
  private final Whereabouts places;
  private final BlockingDispatch dispatch;

  GovernanceRoutes(GovernanceIndex index, Whereabouts places, BlockingDispatch dispatch) {
    this.index = index;
    this.places = places;
    this.dispatch = dispatch;
  }

  void mount(Router router) {
    router.get("/api/governance").handler(ctx -> report(ctx, false));
    router.get("/api/governance.csv").handler(ctx -> report(ctx, true));
    router.get("/api/governance/trend").handler(this::trend);
    router.post("/api/governance/recompute").handler(this::recompute);
  }

  /** Scans the month's alerts again now (e.g. after a settled month's alerts were corrected). */
  private void recompute(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx.queryParams(), Set.of("month"));
    YearMonth month = month(query);
    if (query.refused(ctx)) {
      return;
    }
    Jurisdiction j = Jurisdiction.of(ctx, places);
    if (!j.cityWide()) {
      ProblemReplies.forbidden(
          ctx,
          "only a city-wide supervisor may recompute the governance figures; the jurisdiction of "
              + j.caller().name()
              + " is "
              + j.code());
      return;
    }
    dispatch.respond(
        ctx,
        () -> index.recompute(month),
        f ->
            ctx.json(
                new io.vertx.core.json.JsonObject()
                    .put("month", f.month().toString())
                    .put("computedAt", f.computedAt().toString())
                    .put("received", f.of(GovernanceLevel.CITY, MonthScan.CITY_KEY).received())));
  }

  private void report(RoutingContext ctx, boolean csv) {
    QueryReader query = new QueryReader(ctx.queryParams(), Set.of("level", "month"));
    String label =
        query.known(
            "level",
            l -> GovernanceLevel.fromLabel(l).filter(x -> x != GovernanceLevel.CITY).isPresent(),
            LEVEL_HINT);
    YearMonth month = month(query);
    if (query.refused(ctx)) {
      return;
    }
    GovernanceLevel level =
        label == null ? GovernanceLevel.GRID : GovernanceLevel.fromLabel(label).orElseThrow();
    Jurisdiction j = Jurisdiction.of(ctx, places);
    dispatch.respond(
        ctx,
        () -> index.report(level, month, j::covers, j.cityWide()),
        report -> {
          if (csv) {
            ctx.response()
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader(
                    "Content-Disposition",
                    "attachment; filename=\"governance-" + month + "-" + level.label() + ".csv\"")
                .end(io.vertx.core.buffer.Buffer.buffer(GovernanceJson.csv(report)));
          } else {
            ctx.json(GovernanceJson.report(report));
          }
        });
  }

  private void trend(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx.queryParams(), Set.of("code", "months", "month"));
    Optional<String> code = query.single("code");
    if (code.isEmpty()) {
      query.problem("code", "required: a grid cell or region code");
    } else if (index.levelOf(code.get()).isEmpty()) {
      query.problem("code", "unknown grid cell or region code " + code.get());
    }
    int months = months(query);
    YearMonth last = month(query);
    if (query.refused(ctx)) {
      return;
    }
    Jurisdiction j = Jurisdiction.of(ctx, places);
    if (!j.covers(code.get())) {
      ProblemReplies.forbidden(ctx, j.outside(code.get()));
      return;
    }
    dispatch.respond(
        ctx,
        () -> index.trend(code.get(), last, months),
        trend -> ctx.json(GovernanceJson.trend(trend)));
  }

  /** {@code month=YYYY-MM}, not after the current month; the current month when absent. */
  private YearMonth month(QueryReader query) {
    YearMonth current = index.currentMonth();
    Optional<String> value = query.single("month");
    if (value.isEmpty()) {
      return current;
    }
    try {
      if (MONTH.matcher(value.get()).matches()) {
        YearMonth m = YearMonth.parse(value.get());
        if (!m.isAfter(current)) {
          return m;
        }
        query.problem("month", "is after the current month " + current);
        return current;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    query.problem("month", "must be a month as YYYY-MM, e.g. " + current);
    return current;
  }

  private static int months(QueryReader query) {
    Optional<String> value = query.single("months");
    if (value.isEmpty()) {
      return 6;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n >= 1 && n <= MAX_TREND_MONTHS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    query.problem("months", "must be an integer from 1 to " + MAX_TREND_MONTHS);
    return 6;
  }
}
