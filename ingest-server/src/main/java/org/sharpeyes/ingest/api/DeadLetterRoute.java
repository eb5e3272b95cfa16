package org.sharpeyes.ingest.api;

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
import java.util.Set;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.QueryReader;
import org.sharpeyes.ingest.store.DeadLetter;
import org.sharpeyes.ingest.store.DeadLetterStore;

/**
 * {@code GET /api/dead-letters?limit=N}: the most recent rejected messages, newest first, with
 * their reason and detail. A payload that is valid UTF-8 is returned as text ({@code
 * "payloadEncoding": "utf-8"}), any other as base64 ({@code "base64"}). A bad or unknown parameter
 * is a 400 problem; the store is read through the {@link BlockingDispatch}.
 *
 * <p>A rejected message has no trusted place in the region tree (it may not even name a device), so
 * only a city-level caller reads them; any other gets a 403 saying so.
 */
public final class DeadLetterRoute {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private static final Set<String> PARAMS = Set.of("limit");

  private final DeadLetterStore store;
  private final Whereabouts places;
  private final BlockingDispatch dispatch;

  public DeadLetterRoute(DeadLetterStore store, Whereabouts places, BlockingDispatch dispatch) {
    this.store = store;
    this.places = places;
    this.dispatch = dispatch;
  }

  public void mount(Router router) {
    router.get("/api/dead-letters").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx.queryParams(), PARAMS);
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    if (query.refused(ctx)) {
      return;
    }
    Jurisdiction jurisdiction = Jurisdiction.of(ctx, places);
    if (!jurisdiction.cityWide()) {
      ProblemReplies.forbidden(
          ctx,
          "dead letters have no place in the region tree, so only a city-level caller reads them;"
              + " the jurisdiction of "
              + jurisdiction.caller().name()
              + " is "
              + jurisdiction.code());
      return;
    }
    // Up to MAX_LIMIT payloads: rendered on the worker too, not on the event loop.
    dispatch.respond(
        ctx,
        () -> toJson(store.latest(limit)).toBuffer(),
        body -> ctx.response().putHeader("content-type", "application/json").end(body));
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
