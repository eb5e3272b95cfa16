package org.sharpeyes.ingest.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import org.sharpeyes.ingest.mqtt.ConnectionState;
import org.sharpeyes.ingest.mqtt.IngestSubscriber;
import org.sharpeyes.ingest.pipeline.EdgePresence;
import org.sharpeyes.ingest.store.Database;

/**
 * {@code GET /healthz}: {@code 200} with {@code "status": "UP"} when the server is subscribed to
 * the broker and the store answers, else {@code 503} with {@code "DOWN"}; the body says which part
 * is down, how full the worker queue is, and which edges are online.
 */
public final class HealthRoute {

  private static final Duration STORE_CHECK_TIMEOUT = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final IngestSubscriber subscriber;
  private final Database database;
  private final BooleanSupplier storeWriting;
  private final EdgePresence edges;
  private final BlockingQueue<?> queue;

  /**
   * @param storeWriting whether the ingest worker's last write reached the store
   */
  public HealthRoute(
      Vertx vertx,
      IngestSubscriber subscriber,
      Database database,
      BooleanSupplier storeWriting,
      EdgePresence edges,
      BlockingQueue<?> queue) {
    this.vertx = vertx;
    this.subscriber = Objects.requireNonNull(subscriber);
    this.database = Objects.requireNonNull(database);
    this.storeWriting = storeWriting;
    this.edges = edges;
    this.queue = queue;
  }

  public void mount(Router router) {
    router.get("/healthz").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    vertx
        .executeBlocking(() -> database.isReachable(STORE_CHECK_TIMEOUT), false)
        .onComplete(
            reachable -> {
              boolean storeUp = reachable.succeeded() && reachable.result();
              JsonObject body = body(storeUp);
              ctx.response()
                  .setStatusCode("UP".equals(body.getString("status")) ? 200 : 503)
                  .putHeader("content-type", "application/json")
                  .putHeader("cache-control", "no-store")
                  .end(body.encodePrettily());
            });
  }

  private JsonObject body(boolean storeUp) {
    boolean brokerUp = subscriber.state() == ConnectionState.CONNECTED;
    JsonObject broker =
        new JsonObject()
            .put("connected", brokerUp)
            .put("state", subscriber.state().name())
            .put("url", subscriber.url().toString());
    if (subscriber.lastError() != null) {
      broker.put("lastError", subscriber.lastError());
    }
    JsonArray edgeList = new JsonArray();
    for (EdgePresence.EdgeState e : edges.all()) {
      edgeList.add(
          new JsonObject()
              .put("edgeId", e.edgeId())
              .put("state", e.online() ? "online" : "offline")
              .put("since", e.since() == null ? null : e.since().toString())
              .put("agentVersion", e.agentVersion())
              .put("updatedAt", e.updatedAt().toString()));
    }
    return new JsonObject()
        .put("status", brokerUp && storeUp ? "UP" : "DOWN")
        .put("broker", broker)
        .put(
            "store",
            new JsonObject().put("reachable", storeUp).put("writing", storeWriting.getAsBoolean()))
        .put(
            "queue",
            new JsonObject()
                .put("depth", queue.size())
                .put("capacity", queue.size() + queue.remainingCapacity()))
        .put("edgesOnline", new JsonArray(edges.online()))
        .put("edges", edgeList);
  }
}
