package org.sharpeyes.ingest.broker;

import java.util.List;
import org.sharpeyes.schema.topic.Topics;

/**
 * Who may publish and subscribe where on the broker: the one table that both the embedded broker
 * ({@link BrokerGuard}) and the Mosquitto ACL file ({@code MosquittoFiles}) are made from. {@code
 * %u} stands for the edge's own id (its user name), as in Mosquitto's pattern ACLs.
 *
 * <ul>
 *   <li>an edge publishes its events, snapshots and status, and nothing else; it subscribes to its
 *       own sync topics and to the shared watchlist photos;
 *   <li>the server subscribes to every edge's events, snapshots and status, and publishes sync
 *       topics, watchlist photos and alerts.
 * </ul>
 */
public final class TopicAccess {

  /** The stand-in for the edge's own id in the filters below. */
  public static final String SELF = "%u";

  private static final String EDGE = Topics.ROOT + "/edge/";

  public static final List<String> EDGE_PUBLISHES =
      List.of(EDGE + SELF + "/events/+", EDGE + SELF + "/snapshots/+", EDGE + SELF + "/status");

  public static final List<String> EDGE_SUBSCRIBES =
      List.of(EDGE + SELF + "/sync/#", Topics.ROOT + "/watchlist/photos/#");

  public static final List<String> SERVER_PUBLISHES =
      List.of(EDGE + "+/sync/#", Topics.ROOT + "/watchlist/photos/#", Topics.ROOT + "/alerts/#");

  public static final List<String> SERVER_SUBSCRIBES =
      List.of(Topics.allEvents(), Topics.allSnapshots(), Topics.allStatus());

  private TopicAccess() {}

  /** Whether edge {@code edgeId} may publish to {@code topic}. */
  public static boolean edgeMayPublish(String edgeId, String topic) {
    return anyCovers(EDGE_PUBLISHES, edgeId, topic);
  }

  /** Whether edge {@code edgeId} may subscribe to {@code filter} (a topic or a filter). */
  public static boolean edgeMaySubscribe(String edgeId, String filter) {
    return anyCovers(EDGE_SUBSCRIBES, edgeId, filter);
  }

  public static boolean serverMayPublish(String topic) {
    return anyCovers(SERVER_PUBLISHES, null, topic);
  }

  public static boolean serverMaySubscribe(String filter) {
    return anyCovers(SERVER_SUBSCRIBES, null, filter);
  }

  private static boolean anyCovers(List<String> allowed, String edgeId, String requested) {
    for (String a : allowed) {
      if (edgeId != null ? covers(a.replace(SELF, edgeId), requested) : covers(a, requested)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether every topic that {@code requested} (a topic or an MQTT filter) can match is also
   * matched by {@code allowed}: {@code #} in {@code allowed} covers the rest, {@code +} one level
   * (including a {@code +} asked for), and a {@code #} asked for only under an allowed {@code #}.
   */
  static boolean covers(String allowed, String requested) {
    String[] a = allowed.split("/", -1);
    String[] r = requested.split("/", -1);
    for (int i = 0; i < a.length; i++) {
      if (a[i].equals("#")) {
        return r.length >= i; // '#' also matches the parent level itself
      }
      if (i >= r.length || r[i].equals("#")) {
        return false;
      }
      if (!a[i].equals("+") && !a[i].equals(r[i])) {
        return false;
      }
    }
    return r.length == a.length;
  }
}
