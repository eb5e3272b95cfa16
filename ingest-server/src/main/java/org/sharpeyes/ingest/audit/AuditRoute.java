package org.sharpeyes.ingest.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.QueryReader;

/**
 * {@code GET /api/audit}: the audit record, newest first, filtered by {@code user}, {@code action},
 * {@code subject}, {@code since} and {@code until}, a page of {@code limit} rows at a time; {@code
 * nextBefore} in the answer is the {@code before} of the next page. Who may call it is decided by
 * the access gate in front of it, not here. Bad parameters are a 400 problem naming each; the store
 * is read through the {@link BlockingDispatch}.
 */
public final class AuditRoute {

  public static final String PATH = "/api/audit";
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private static final Set<String> PARAMS =
      Set.of("user", "action", "subject", "since", "until", "before", "limit");

  private final AuditSearch search;
  private final BlockingDispatch dispatch;

  public AuditRoute(AuditSearch search, BlockingDispatch dispatch) {
    this.search = search;
    this.dispatch = dispatch;
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx.queryParams(), PARAMS);
    String actor = query.single("user").orElse(null);
    String action = query.single("action").orElse(null);
    String subject = query.single("subject").orElse(null);
    Instant since = query.instant("since");
    Instant until = query.instant("until");
    query.checkOrder(since, until);
    long before = cursor(query);
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    if (query.refused(ctx)) {
      return;
    }
    AuditFilter filter = new AuditFilter(actor, action, subject, since, until, before, limit);
    dispatch.respond(
        ctx,
        () -> page(search.find(filter), limit).toBuffer(),
        body ->
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body));
  }

  private static long cursor(QueryReader query) {
    Optional<String> value = query.single("before");
    if (value.isEmpty()) {
      return 0;
    }
    try {
      long before = Long.parseLong(value.get());
      if (before >= 1) {
        return before;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    query.problem("before", "must be a positive integer: the nextBefore of the previous page");
    return 0;
  }

  static JsonObject page(List<AuditRow> rows, int limit) {
    JsonArray records = new JsonArray();
    for (AuditRow row : rows) {
      AuditEntry e = row.entry();
      records.add(
          new JsonObject()
              .put("seq", row.seq())
              .put("at", e.at().toString())
              .put("user", e.actor())
              .put("from", e.from())
              .put("action", e.action())
              .put("subject", e.subject())
              .put("outcome", e.outcome())
              .put("detail", e.detail())
              .put("prevHash", row.prevHash())
              .put("hash", row.hash()));
    }
    Long next = rows.size() == limit ? rows.get(rows.size() - 1).seq() : null;
    return new JsonObject()
        .put("records", records)
        .put("count", records.size())
        .put("nextBefore", next);
  }
}
