package org.sharpeyes.ingest.device;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.QueryReader;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.DeviceLocation;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.Region;
import org.sharpeyes.ingest.rule.SubjectType;

/**
 * {@code GET /api/devices}: the devices in the caller's jurisdiction with their availability now
 * and the id of their open {@code device-offline} alert, sorted by id; {@code ?status=} (online,
 * offline, degraded, unknown; may repeat) and {@code ?region=} (narrows the jurisdiction; outside
 * it: 403) filter. A device the reference data does not place is listed only to a city-wide caller
 * who names no region. Bad parameters: 400 problem. The states come from memory; the open alerts
 * from one indexed query per 500 devices, through the {@link BlockingDispatch}.
 */
public final class DeviceRoutes {

  private static final Set<String> PARAMS = Set.of("status", "region");

  private final ReferenceData reference;
  private final DeviceStates states;
  private final OfflineAlerts alerts;
  private final Whereabouts places;
  private final BlockingDispatch dispatch;

  DeviceRoutes(
      ReferenceData reference,
      DeviceStates states,
      OfflineAlerts alerts,
      Whereabouts places,
      BlockingDispatch dispatch) {
    this.reference = reference;
    this.states = states;
    this.alerts = alerts;
    this.places = places;
    this.dispatch = dispatch;
  }

  public void mount(Router router) {
    router.get("/api/devices").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    Jurisdiction jurisdiction = Jurisdiction.of(ctx, places);
    QueryReader query = new QueryReader(ctx.queryParams(), PARAMS);
    List<Availability> wanted = new ArrayList<>();
    for (String s : query.all("status")) {
      Optional<Availability> a = Availability.fromLabel(s);
      if (a.isPresent()) {
        wanted.add(a.get());
      } else {
        query.problem("status", "'" + s + "' is not one of: online, offline, degraded, unknown");
      }
    }
    String region = query.known("region", places.regions()::contains, "no region has the code ");
    if (query.refused(ctx)) {
      return;
    }
    Optional<String> narrowed = jurisdiction.narrow(region);
    if (narrowed.isEmpty()) {
      ProblemReplies.forbidden(ctx, jurisdiction.outside(region));
      return;
    }
    String within = jurisdiction.listFilter(region, narrowed.get());
    dispatch.respond(
        ctx,
        () -> new JsonObject().put("devices", devices(within, wanted)).toBuffer(),
        body ->
            ctx.response()
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store")
                .end(body));
  }

  /**
   * @param within the region the devices must stand in; {@code null}: every device, unplaced ones
   *     too
   */
  private JsonArray devices(String within, List<Availability> wanted) throws Exception {
    List<DeviceState> listed = new ArrayList<>();
    for (DeviceState s : states.all()) {
      boolean inside =
          within == null
              || places
                  .pathOfDevice(s.deviceId())
                  .map(p -> p.contains("/" + within + "/"))
                  .orElse(false);
      if (inside && (wanted.isEmpty() || wanted.contains(s.availability()))) {
        listed.add(s);
      }
    }
    Map<String, OfflineAlerts.Open> open =
        alerts.find(SubjectType.DEVICE, listed.stream().map(DeviceState::deviceId).toList());
    JsonArray devices = new JsonArray();
    for (DeviceState s : listed) {
      devices.add(toJson(s, open.get(s.deviceId())));
    }
    return devices;
  }

  private JsonObject toJson(DeviceState s, OfflineAlerts.Open alert) {
    Optional<Device> device = reference.device(s.deviceId());
    Optional<DeviceLocation> at = reference.locate(s.deviceId());
    JsonArray regions = new JsonArray();
    at.ifPresent(l -> l.regions().stream().map(Region::code).forEach(regions::add));
    return new JsonObject()
        .put("id", s.deviceId())
        .put("name", device.map(Device::name).orElse(null))
        .put("kind", device.map(Device::kind).orElse(null))
        .put("edgeId", device.map(Device::edgeId).orElse(s.edgeId()))
        .put("site", device.map(Device::site).filter(x -> !x.isBlank()).orElse(null))
        .put("gridCode", device.map(Device::gridCode).orElse(null))
        .put("regions", regions)
        .put("availability", s.availability().label())
        .put("since", text(s.since()))
        .put("reason", s.reason())
        .put("fps", s.fps())
        .put("latencyMs", s.latencyMs())
        .put("lastReportAt", text(s.reportedAt()))
        .put("openAlertId", alert == null ? null : alert.alertId());
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
