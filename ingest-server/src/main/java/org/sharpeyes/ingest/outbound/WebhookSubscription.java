package org.sharpeyes.ingest.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription (the {@code webhook_subscriptions} table): where to POST the alert events
 * of a region's subtree, of which kinds, signed with which secret.
 *
 * @param id UUID
 * @param url http or https
 * @param jurisdiction a region code; its subtree's alerts are sent (the city's: unplaced ones too)
 * @param kinds labels of {@link AlertEventKind}, in their order
 * @param secret the HMAC key; never shown again but {@link #maskedSecret()}
 */
public record WebhookSubscription(
    String id,
    String url,
    String jurisdiction,
    List<String> kinds,
    String secret,
    String createdBy,
    Instant createdAt,
    boolean enabled) {

  public WebhookSubscription {
    kinds = List.copyOf(kinds);
  }

  /** Whether an alert of {@code regionPath} and {@code kind} goes to this subscription. */
  boolean wants(String regionPath, AlertEventKind kind, boolean cityWide) {
    if (!enabled || !kinds.contains(kind.label())) {
      return false;
    }
    boolean unplaced = regionPath == null || regionPath.replace("/", "").isEmpty();
    return unplaced ? cityWide : regionPath.contains("/" + jurisdiction + "/");
  }

  /** The last four characters only: {@code ********cdef}. */
  public String maskedSecret() {
    return "********" + secret.substring(Math.max(0, secret.length() - 4));
  }

  /** As the API shows it: the secret masked. */
  public JsonObject json() {
    return new JsonObject()
        .put("id", id)
        .put("url", url)
        .put("jurisdiction", jurisdiction)
        .put("kinds", new JsonArray(kinds))
        .put("secret", maskedSecret())
        .put("createdBy", createdBy)
        .put("createdAt", createdAt.toString())
        .put("enabled", enabled);
  }
}
