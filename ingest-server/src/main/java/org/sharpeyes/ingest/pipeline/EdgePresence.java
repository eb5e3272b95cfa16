package org.sharpeyes.ingest.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.schema.topic.EdgeStatusMessage;

/**
 * Which edges are online, from their retained status messages ({@code online} on connect, {@code
 * offline} as last will). Bounded: past {@code maxEdges}, new edges are not tracked (and the caller
 * counts that). Thread-safe.
 */
public final class EdgePresence {

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

  public EdgePresence(int maxEdges) {
    this.maxEdges = maxEdges;
  }

  /**
   * Records a status message.
   *
   * @return {@code false} when the edge is new and {@code maxEdges} are already tracked
   */
  public synchronized boolean update(EdgeStatusMessage message, Instant receivedAt) {
    if (!edges.containsKey(message.edgeId()) && edges.size() >= maxEdges) {
      return false;
    }
    edges.put(
        message.edgeId(),
        new EdgeState(
            message.edgeId(), message.state(), message.time(), message.agentVersion(), receivedAt));
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

  public synchronized int onlineCount() {
    return (int) edges.values().stream().filter(EdgeState::online).count();
  }
}
