package org.sharpeyes.ingest.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.PersonalData.View;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.QueryReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/alerts/stream?region=CODE}: the live alert feed as Server-Sent Events, filtered
 * per client by the caller's jurisdiction (a {@code region} outside it is a 403; inside, it narrows
 * the feed) and masked by the caller's clearance. New alerts are {@code event: alert}, changes to
 * open ones {@code event: alert-update}; {@code id:} is the alert id and {@code data:} the alert
 * JSON. A comment line keeps idle connections alive.
 *
 * <p>Threads: {@link #publish} is called on the ingest worker; it renders each alert once and hands
 * the frame to every matching client on that client's own event loop. Bounds: at most {@code
 * sseMaxClients} clients (then a 503 problem with {@code Retry-After}), each with at most {@code
 * sseQueuePerClient} frames waiting (then it is dropped); both counted.
 */
final class AlertStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
  private static final Set<String> PARAMS = Set.of("region");

  private final Vertx vertx;
  private final Whereabouts places;
  private final AlertJson json;
  private final AlertSettings settings;
  private final Set<Registration> clients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger admitted = new AtomicInteger();
  private final Counter refused;
  private final Counter dropped;
  private final long heartbeatTimer;

  private record Registration(
      SseClient client, Context context, HttpServerResponse response, View view) {}

  AlertStream(
      Vertx vertx,
      Whereabouts places,
      AlertJson json,
      AlertSettings settings,
      MeterRegistry registry,
      Duration heartbeat) {
    this.vertx = vertx;
    this.places = places;
    this.json = json;
    this.settings = settings;
    Gauge.builder("sharpeyes.alert.stream.clients", clients, Set::size)
        .description("Connected live-feed clients")
        .register(registry);
    this.refused =
        Counter.builder("sharpeyes.alert.stream.refused")
            .description("Live-feed connections refused because sseMaxClients were connected")
            .register(registry);
    this.dropped =
        Counter.builder("sharpeyes.alert.stream.dropped")
            .description("Live-feed clients disconnected for falling sseQueuePerClient behind")
            .tag("reason", "slow-client")
            .register(registry);
    this.heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> heartbeat());
  }

  void mount(Router router) {
    router.get("/api/alerts/stream").handler(this::open);
  }

  /** Sends a committed alert change to every client whose region contains it. Any thread. */
  void publish(AlertChange change) {
    if (clients.isEmpty() || change.kind() == AlertChange.Kind.ALREADY_RECORDED) {
      return;
    }
    Alert alert = change.alert();
    String event = change.kind() == AlertChange.Kind.RAISED ? "alert" : "alert-update";
    Map<View, String> frames = new EnumMap<>(View.class); // each view rendered once
    for (Registration r : clients) {
      String region = r.client().regionCode();
      if (region == null || alert.inRegion(region)) {
        String frame =
            frames.computeIfAbsent(
                r.view(),
                view ->
                    "event: "
                        + event
                        + "\nid: "
                        + alert.id()
                        + "\ndata: "
                        + json.summary(alert, view).encode()
                        + "\n\n");
        r.context().runOnContext(v -> r.client().offer(frame));
      }
    }
  }

  int clientCount() {
    return clients.size();
  }

  private void open(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx.queryParams(), PARAMS);
    String asked = query.known("region", places.regions()::contains, "unknown region code ");
    if (query.refused(ctx)) {
      return;
    }
    Jurisdiction jurisdiction = Jurisdiction.of(ctx, places);
    Optional<String> within = jurisdiction.narrow(asked);
    if (within.isEmpty()) {
      ProblemReplies.forbidden(ctx, jurisdiction.outside(asked));
      return;
    }
    String region = jurisdiction.listFilter(asked, within.get());
    View view = View.of(jurisdiction.caller());
    if (admitted.incrementAndGet() > settings.sseMaxClients()) {
      admitted.decrementAndGet();
      refused.increment();
      ProblemReplies.busy(
          ctx, "the live feed has its limit of " + settings.sseMaxClients() + " clients");
      return;
    }
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      admitted.decrementAndGet();
      return;
    }
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    Registration[] self = new Registration[1];
    SseClient client =
        new SseClient(
            SseClient.Sink.of(response),
            region,
            settings.sseQueuePerClient(),
            () -> {
              // Gone from the client list before it is counted, so whoever sees the count
              // also sees the client gone.
              remove(self[0]);
              dropped.increment();
            });
    self[0] = new Registration(client, vertx.getOrCreateContext(), response, view);
    clients.add(self[0]);
    response.closeHandler(
        v -> {
          client.markClosed();
          remove(self[0]);
        });
    response.exceptionHandler(
        e -> LOG.debug("live-feed client {} failed", ctx.request().remoteAddress(), e));
    response.write(
        "retry: 5000\n: connected" + (region == null ? "" : ", region " + region) + "\n\n");
  }

  private void remove(Registration r) {
    if (clients.remove(r)) {
      admitted.decrementAndGet();
    }
  }

  private void heartbeat() {
    for (Registration r : clients) {
      r.context().runOnContext(v -> r.client().heartbeat());
    }
  }

  /** Stops the heartbeat and ends every stream. */
  @Override
  public void close() {
    vertx.cancelTimer(heartbeatTimer);
    for (Registration r : clients) {
      r.context()
          .runOnContext(
              v -> {
                r.client().markClosed();
                if (!r.response().closed() && !r.response().ended()) {
                  r.response().end();
                }
              });
      remove(r);
    }
  }
}
