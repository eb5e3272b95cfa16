package org.sharpeyes.ingest.edge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.ingest.pipeline.EdgeStatusSink;
import org.sharpeyes.schema.topic.EdgeStatusMessage;

/**
 * Which edges are online, from their retained status messages ({@code online} on connect, {@code
 * offline} as last will). Bounded: past {@code maxEdges}, new edges are not tracked (and the caller
 * counts that). The counts are kept as messages arrive, so reading them costs nothing however many
 * edges there are ({@code /healthz}, the gauge). Thread-safe.
 */
public final class EdgePresence implements EdgeStatusSink {

  /**
   * The last known status of one edge.
   *
   * @param since the time the edge put in its message (when it connected)
   * @param updatedAt when the server received the message
   */
  public record EdgeState(
      String edgeId,
      EdgeStatusMessage.State state,
      Instant since,
      String agentVersion,
      Instant updatedAt) {

    public boolean online() {
      return state == EdgeStatusMessage.State.ONLINE;
    }
  }

  private final int maxEdges;
  private final Map<String, EdgeState> edges = new HashMap<>();
  private int online;

  public EdgePresence(int maxEdges) {
    this.maxEdges = maxEdges;
  }

  /**
   * Records a status message.
   *
   * @return {@code false} when the edge is new and {@code maxEdges} are already tracked
   */
  @Override
  public synchronized boolean update(EdgeStatusMessage message, Instant receivedAt) {
    if (!edges.containsKey(message.edgeId()) && edges.size() >= maxEdges) {
      return false;
    }
    EdgeState now =
        new EdgeState(
            message.edgeId(), message.state(), message.time(), message.agentVersion(), receivedAt);
    EdgeState before = edges.put(message.edgeId(), now);
    online += (now.online() ? 1 : 0) - (before != null && before.online() ? 1 : 0);
    return true;
  }

  /** The last known status of {@code edgeId}, if it is tracked. */
  public synchronized Optional<EdgeState> get(String edgeId) {
    return Optional.ofNullable(edges.get(edgeId));
  }

  /** Every tracked edge, sorted by id. */
  public synchronized List<EdgeState> all() {
    List<EdgeState> list = new ArrayList<>(edges.values());
    list.sort(Comparator.comparing(EdgeState::edgeId));
    return list;
  }

  /** Ids of the edges last seen online, sorted. */
  public synchronized List<String> online() {
    return edges.values().stream()
        .filter(EdgeState::online)
        .map(EdgeState::edgeId)
        .sorted()
        .toList();
  }

  /** Edges whose last status is online. */
  public synchronized int onlineCount() {
    return online;
  }

  /** Edges tracked: those that sent a status, up to {@code maxEdges}. */
  public synchronized int knownCount() {
    return edges.size();
  }
}
