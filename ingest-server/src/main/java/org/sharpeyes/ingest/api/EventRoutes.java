package org.sharpeyes.ingest.api;

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
import org.sharpeyes.schema.id.GbDeviceId;
import org.sharpeyes.schema.plate.PlateNumbers;

/**
 * {@code GET /api/events}: stored events by plate, device and time, read and rendered through the
 * {@link BlockingDispatch}.
 */
final class EventRoutes {

  private static final Set<String> PARAMS = Set.of("plate", "device", "since", "until", "limit");

  private final EventSearch search;
  private final BlockingDispatch dispatch;

  EventRoutes(EventSearch search, BlockingDispatch dispatch) {
    this.search = search;
    this.dispatch = dispatch;
  }

  void mount(Router router) {
    router.get("/api/events").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx.queryParams(), PARAMS);
    String plate = null;
    Optional<String> rawPlate = query.single("plate");
    if (rawPlate.isPresent()) {
      plate = PlateNumbers.normalise(rawPlate.get());
      if (plate.isEmpty() || plate.length() > 16) {
        query.problem("plate", "not a plate, e.g. 湘J38J91 (separators and case do not matter)");
      }
    }
    String device = query.single("device").orElse(null);
    if (device != null && !GbDeviceId.isValid(device)) {
      query.problem("device", "not a 20-digit GB/T 28181 device id");
    }
    Instant since = query.instant("since");
    Instant until = query.instant("until");
    query.checkOrder(since, until);
    int limit = query.limit(AlertRoutes.DEFAULT_LIMIT, AlertRoutes.MAX_LIMIT);
    if (query.refused(ctx)) {
      return;
    }
    EventSearch.EventQuery q = new EventSearch.EventQuery(plate, device, since, until, limit);
    dispatch.respond(
        ctx,
        () -> {
          List<JsonObject> events = search.find(q);
          return new JsonObject()
              .put("events", new JsonArray(events))
              .put("count", events.size())
              .toBuffer();
        },
        body -> AlertRoutes.ok(ctx, body));
  }
}
