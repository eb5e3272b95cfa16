package org.sharpeyes.ingest.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.PersonalData;
import org.sharpeyes.ingest.auth.PersonalData.View;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.QueryReader;
import org.sharpeyes.schema.id.GbDeviceId;
import org.sharpeyes.schema.plate.PlateNumber;

/**
 * {@code GET /api/events}: stored events by plate, device, region and time, read and rendered
 * through the {@link BlockingDispatch}. Only events of devices in the caller's jurisdiction are
 * answered (a city-level caller also sees those of unknown devices); a {@code region} or {@code
 * device} outside it is a 403. Face crops and embeddings are withheld below full clearance.
 */
final class EventRoutes {

  private static final Set<String> PARAMS =
      Set.of("plate", "device", "region", "since", "until", "limit");

  private final EventSearch search;
  private final Whereabouts places;
  private final BlockingDispatch dispatch;

  EventRoutes(EventSearch search, Whereabouts places, BlockingDispatch dispatch) {
    this.search = search;
    this.places = places;
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
      plate = PlateNumber.normalise(rawPlate.get());
      if (plate.isEmpty() || plate.length() > 16) {
        query.problem("plate", "not a plate, e.g. 湘J38J91 (separators and case do not matter)");
      }
    }
    String device = query.single("device").orElse(null);
    if (device != null && !GbDeviceId.isValid(device)) {
      query.problem("device", "not a 20-digit GB/T 28181 device id");
    }
    String region = query.known("region", places.regions()::contains, "unknown region code ");
    Instant since = query.instant("since");
    Instant until = query.instant("until");
    query.checkOrder(since, until);
    int limit = query.limit(AlertRoutes.DEFAULT_LIMIT, AlertRoutes.MAX_LIMIT);
    if (query.refused(ctx)) {
      return;
    }
    Jurisdiction jurisdiction = Jurisdiction.of(ctx, places);
    Optional<String> within = jurisdiction.narrow(region);
    if (within.isEmpty()) {
      ProblemReplies.forbidden(ctx, jurisdiction.outside(region));
      return;
    }
    if (device != null && !jurisdiction.coversDevice(device)) {
      ProblemReplies.forbidden(
          ctx, "device " + device + " is outside the jurisdiction " + jurisdiction.code());
      return;
    }
    boolean everything = region == null && jurisdiction.cityWide();
    List<String> devices = everything ? null : places.devicesWithin(within.get());
    View view = View.of(jurisdiction.caller());
    EventSearch.EventQuery q =
        new EventSearch.EventQuery(plate, device, since, until, limit, devices);
    dispatch.respond(
        ctx,
        () -> {
          List<JsonObject> events = search.find(q);
          events.forEach(
              e -> PersonalData.event(e.getString("type"), e.getJsonObject("event"), view));
          return new JsonObject()
              .put("events", new JsonArray(events))
              .put("count", events.size())
              .toBuffer();
        },
        body -> AlertRoutes.ok(ctx, body));
  }
}
