package org.sharpeyes.ingest.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.sharpeyes.ingest.store.DeadLetter;
import org.sharpeyes.ingest.store.DeadLetterStore;

/**
 * {@code GET /api/dead-letters?limit=N}: the most recent rejected messages, newest first, with
 * their reason and detail. A payload that is valid UTF-8 is returned as text ({@code
 * "payloadEncoding": "utf-8"}), any other as base64 ({@code "base64"}).
 */
public final class DeadLetterRoute {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private final Vertx vertx;
  private final DeadLetterStore store;

  public DeadLetterRoute(Vertx vertx, DeadLetterStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  public void mount(Router router) {
    router.get("/api/dead-letters").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    String limitParam = ctx.request().getParam("limit");
    int limit;
    try {
      limit = limitParam == null ? DEFAULT_LIMIT : Integer.parseInt(limitParam);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      HttpErrors.send(
          ctx, 400, "bad-request", "limit must be a whole number from 1 to " + MAX_LIMIT);
      return;
    }
    int n = limit;
    vertx
        .executeBlocking(() -> store.latest(n), false)
        .onSuccess(letters -> ctx.json(toJson(letters)))
        .onFailure(
            e -> HttpErrors.send(ctx, 503, "store-unavailable", "cannot read dead letters: " + e));
  }

  private static JsonArray toJson(List<DeadLetter> letters) {
    JsonArray out = new JsonArray();
    for (DeadLetter d : letters) {
      JsonObject o =
          new JsonObject()
              .put("id", d.id())
              .put("receivedAt", d.receivedAt().toString())
              .put("topic", d.topic())
              .put("reason", d.reason())
              .put("detail", d.detail())
              .put("payloadSize", d.payloadSize())
              .put("truncated", d.truncated());
      byte[] payload = d.payload() == null ? new byte[0] : d.payload();
      String text = utf8(payload);
      if (text != null) {
        o.put("payloadEncoding", "utf-8").put("payload", text);
      } else {
        o.put("payloadEncoding", "base64")
            .put("payload", Base64.getEncoder().encodeToString(payload));
      }
      out.add(o);
    }
    return out;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
