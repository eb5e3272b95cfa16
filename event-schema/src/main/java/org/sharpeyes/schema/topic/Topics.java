package org.sharpeyes.schema.topic;

import java.util.Optional;
import java.util.regex.Pattern;
import org.sharpeyes.schema.event.EventType;

/** Every MQTT topic name of this project is built and parsed here, nowhere else. */
public final class Topics {

  public static final String ROOT = "sharpeyes/v1";

  /** What an edge id may look like: it becomes a topic level, so no {@code / + #}. */
  public static final Pattern EDGE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final Pattern EVENT_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
  private static final Pattern REGION = Pattern.compile("[0-9]{2,14}");
  private static final Pattern WORD = Pattern.compile("[a-z0-9-]{1,32}");

  /** A SHA-256 digest in lower-case hex: the name of a watchlist photo. */
  public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** The sync item of the watchlist manifest. */
  public static final String WATCHLIST = "watchlist";

  private Topics() {}

  public static String events(String edgeId, EventType type) {
    return edge(edgeId) + "/events/" + type.kind();
  }

  /** Subscription filter for every event of every edge. */
  public static String allEvents() {
    return ROOT + "/edge/+/events/+";
  }

  public static String snapshot(String edgeId, String eventId) {
    return edge(edgeId) + "/snapshots/" + check(EVENT_ID, eventId, "event id");
  }

  /** Subscription filter for every snapshot of every edge. */
  public static String allSnapshots() {
    return ROOT + "/edge/+/snapshots/+";
  }

  public static String status(String edgeId) {
    return edge(edgeId) + "/status";
  }

  /** Subscription filter for every edge's status. */
  public static String allStatus() {
    return ROOT + "/edge/+/status";
  }

  public static String sync(String edgeId, String what) {
    return edge(edgeId) + "/sync/" + check(WORD, what, "sync item");
  }

  /**
   * Retained enrolment photo of the watchlist, named by the SHA-256 of its bytes: an edge
   * subscribes to the photos its manifest lists and it has no template for, and checks the digest.
   */
  public static String watchlistPhoto(String sha256) {
    return ROOT + "/watchlist/photos/" + check(SHA256, sha256, "photo digest");
  }

  public static String alerts(String regionCode) {
    return ROOT + "/alerts/" + check(REGION, regionCode, "region code");
  }

  /** Parses a topic of this project; empty for any other topic. */
  public static Optional<TopicAddress> parse(String topic) {
    if (topic == null || !topic.startsWith(ROOT + "/")) {
      return Optional.empty();
    }
    String[] p = topic.substring(ROOT.length() + 1).split("/", -1);
    if (p.length == 2 && p[0].equals("alerts") && REGION.matcher(p[1]).matches()) {
      return Optional.of(new TopicAddress.Alerts(p[1]));
    }
    if (p.length == 3
        && p[0].equals("watchlist")
        && p[1].equals("photos")
        && SHA256.matcher(p[2]).matches()) {
      return Optional.of(new TopicAddress.WatchlistPhoto(p[2]));
    }
    if (p.length < 3 || !p[0].equals("edge") || !EDGE_ID.matcher(p[1]).matches()) {
      return Optional.empty();
    }
    String edgeId = p[1];
    if (p.length == 3 && p[2].equals("status")) {
      return Optional.of(new TopicAddress.Status(edgeId));
    }
    if (p.length != 4) {
      return Optional.empty();
    }
    return switch (p[2]) {
      case "events" -> EventType.fromKind(p[3]).map(t -> new TopicAddress.Events(edgeId, t));
      case "snapshots" ->
          EVENT_ID.matcher(p[3]).matches()
              ? Optional.of(new TopicAddress.Snapshot(edgeId, p[3]))
              : Optional.empty();
      case "sync" ->
          WORD.matcher(p[3]).matches()
              ? Optional.of(new TopicAddress.Sync(edgeId, p[3]))
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static String edge(String edgeId) {
    return ROOT + "/edge/" + check(EDGE_ID, edgeId, "edge id");
  }

  private static String check(Pattern pattern, String value, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " '" + value + "' cannot be a topic level: expected " + pattern.pattern());
    }
    return value;
  }
}
