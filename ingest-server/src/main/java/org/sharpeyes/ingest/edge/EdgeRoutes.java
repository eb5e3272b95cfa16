package org.sharpeyes.ingest.edge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.ProblemReplies;

/**
 * {@code GET /api/edges} and {@code GET /api/edges/{edgeId}}: every edge the server knows of (from
 * its status messages or its stored events), whether it is online, and whether its {@code seq} has
 * gaps. Everything is answered from memory; the list (up to {@code 2 × ingest.maxEdges} edges) is
 * built and encoded through the {@link BlockingDispatch}, off the event loop. An unknown edge is a
 * 404 problem. The JSON shape is documented in {@code docs/api.md}.
 *
 * <p>A caller sees the edges that read at least one device in its jurisdiction; an edge with no
 * known device only a city-level caller. Any other edge is answered as unknown (404).
 */
public final class EdgeRoutes {

  /** Most gaps listed per edge; {@code missingSeqs} counts them all. */
  public static final int LISTED_GAPS = 20;

  private final EdgePresence presence;
  private final EdgeSequences sequences;
  private final Whereabouts places;
  private final BlockingDispatch dispatch;

  public EdgeRoutes(
      EdgePresence presence,
      EdgeSequences sequences,
      Whereabouts places,
      BlockingDispatch dispatch) {
    this.presence = presence;
    this.sequences = sequences;
    this.places = places;
    this.dispatch = dispatch;
  }

  public void mount(Router router) {
    router.get("/api/edges").handler(this::list);
    router.get("/api/edges/:edgeId").handler(this::one);
  }

  private void list(RoutingContext ctx) {
    Jurisdiction jurisdiction = Jurisdiction.of(ctx, places);
    dispatch.respond(
        ctx,
        () -> new JsonObject().put("edges", allEdges(jurisdiction)).toBuffer(),
        body -> reply(ctx, body));
  }

  private void one(RoutingContext ctx) {
    String edgeId = ctx.pathParam("edgeId");
    Optional<EdgePresence.EdgeState> state = presence.get(edgeId);
    Optional<SequenceReport> sequence = sequences.report(edgeId, LISTED_GAPS);
    boolean hidden = !Jurisdiction.of(ctx, places).coversEdge(edgeId);
    if (hidden || (state.isEmpty() && sequence.isEmpty())) {
      ProblemReplies.notFound(
          ctx,
          "no edge '"
              + edgeId
              + "' is known: it has sent no status and no stored event (or ingest.maxEdges"
              + " edges were tracked before it)");
      return;
    }
    reply(ctx, toJson(edgeId, state.orElse(null), sequence.orElse(null)).toBuffer());
  }

  private JsonArray allEdges(Jurisdiction jurisdiction) {
    Map<String, EdgePresence.EdgeState> states = new HashMap<>();
    presence.all().forEach(s -> states.put(s.edgeId(), s));
    Map<String, SequenceReport> reports = new HashMap<>();
    sequences.all(LISTED_GAPS).forEach(r -> reports.put(r.edgeId(), r));
    TreeSet<String> ids = new TreeSet<>(states.keySet());
    ids.addAll(reports.keySet());
    ids.removeIf(id -> !jurisdiction.coversEdge(id));
    JsonArray edges = new JsonArray();
    for (String id : ids) {
      edges.add(toJson(id, states.get(id), reports.get(id)));
    }
    return edges;
  }

  /**
   * @param state {@code null} when the edge never sent a status
   * @param sequence {@code null} when no event of the edge is stored
   */
  static JsonObject toJson(String edgeId, EdgePresence.EdgeState state, SequenceReport sequence) {
    SequenceReport seq = sequence == null ? SequenceReport.none(edgeId) : sequence;
    JsonArray gaps = new JsonArray();
    seq.gaps().forEach(g -> gaps.add(new JsonObject().put("from", g.from()).put("to", g.to())));
    return new JsonObject()
        .put("edgeId", edgeId)
        .put("status", state == null ? "unknown" : state.online() ? "online" : "offline")
        .put("statusSince", text(statusSince(state)))
        .put("agentVersion", state == null ? null : state.agentVersion())
        .put("lastSeq", seq.lastSeq())
        .put("eventsStored", seq.eventsStored())
        .put("missingSeqs", seq.missingSeqs())
        .put("gaps", gaps)
        .put("gapsTruncated", seq.gapsTruncated())
        .put("reordered", seq.reordered())
        .put("lastEventAt", text(seq.lastEventAt()))
        .put("epoch", seq.epoch())
        .put("epochStartedAt", text(seq.epochStartedAt()))
        .put("missingInEarlierEpochs", seq.missingInEarlierEpochs());
  }

  /**
   * Online: when the edge connected, as it says. Offline: when the server received that status (the
   * last will carries the time the edge connected, not when it went away).
   */
  private static Instant statusSince(EdgePresence.EdgeState state) {
    if (state == null) {
      return null;
    }
    return state.online() && state.since() != null ? state.since() : state.updatedAt();
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static void reply(RoutingContext ctx, Buffer body) {
    ctx.response()
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(body);
  }
}
