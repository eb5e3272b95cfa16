package org.sharpeyes.ingest.http;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The state of the server as {@code /healthz} tells it: a fixed-size summary read from memory, so
 * that answering costs the same with one edge or ten thousand.
 *
 * @param brokerConnected subscribed to the broker
 * @param brokerState the subscription's state, e.g. {@code CONNECTED}, {@code RECONNECTING}
 * @param brokerLastError why the last connection attempt failed or was lost; {@code null} if none
 * @param storeReachable whether the store answered its last check
 * @param storeCheckedAt when that check ended; {@code null} before the first
 * @param storeWriting whether the ingest worker's last write reached the store
 * @param edgesOnline edges whose last status is online
 * @param edgesKnown edges that have sent a status (online or offline)
 */
public record Health(
    boolean brokerConnected,
    String brokerState,
    String brokerUrl,
    String brokerLastError,
    boolean storeReachable,
    Instant storeCheckedAt,
    boolean storeWriting,
    int queueDepth,
    int queueCapacity,
    int edgesOnline,
    int edgesKnown) {

  /** UP when subscribed to the broker and the store answers. */
  public boolean up() {
    return brokerConnected && storeReachable;
  }

  public JsonObject toJson() {
    JsonObject broker =
        new JsonObject()
            .put("connected", brokerConnected)
            .put("state", brokerState)
            .put("url", brokerUrl);
    if (brokerLastError != null) {
      broker.put("lastError", brokerLastError);
    }
    return new JsonObject()
        .put("status", up() ? "UP" : "DOWN")
        .put("broker", broker)
        .put(
            "store",
            new JsonObject()
                .put("reachable", storeReachable)
                .put("writing", storeWriting)
                .put("checkedAt", storeCheckedAt == null ? null : storeCheckedAt.toString()))
        .put("queue", new JsonObject().put("depth", queueDepth).put("capacity", queueCapacity))
        .put("edges", new JsonObject().put("online", edgesOnline).put("known", edgesKnown));
  }
}
