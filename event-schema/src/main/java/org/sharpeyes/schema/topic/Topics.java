package org.sharpeyes.schema.topic;

import java.util.List;
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

  /** The level of the alert topics for an alert the reference data does not place. */
  public static final String UNPLACED = "unplaced";

  /** What an alert topic says happened: created, updated, escalated, closed. */
  public static final java.util.Set<String> ALERT_KINDS =
      java.util.Set.of("created", "updated", "escalated", "closed");

  /**
   * An alert change: {@code sharpeyes/v1/alerts/{city}/{county}/{township}/{village}/{kind}}, one
   * level per region code of the alert's place, city first, so that a subscriber to {@code
   * sharpeyes/v1/alerts/430700/430702/#} hears about the whole county; {@code
   * sharpeyes/v1/alerts/unplaced/{kind}} when there is no place.
   */
  public static String alert(List<String> regionCodes, String kind) {
    if (!ALERT_KINDS.contains(kind)) {
      throw new IllegalArgumentException("alert kind '" + kind + "' is not one of " + ALERT_KINDS);
    }
    StringBuilder t = new StringBuilder(ROOT + "/alerts/");
    if (regionCodes.isEmpty()) {
      t.append(UNPLACED);
    }
    for (int i = 0; i < regionCodes.size(); i++) {
      t.append(i == 0 ? "" : "/").append(check(REGION, regionCodes.get(i), "region code"));
    }
    return t.append('/').append(kind).toString();
  }

  /**
   * The filter of every alert change in the subtree of a region ({@code regionCodes} city first).
   */
  public static String alertsUnder(List<String> regionCodes) {
    StringBuilder t = new StringBuilder(ROOT + "/alerts");
    regionCodes.forEach(c -> t.append('/').append(check(REGION, c, "region code")));
    return t.append("/#").toString();
  }

  /** Parses a topic of this project; empty for any other topic. */
  public static Optional<TopicAddress> parse(String topic) {
    if (topic == null || !topic.startsWith(ROOT + "/")) {
      return Optional.empty();
    }
    String[] p = topic.substring(ROOT.length() + 1).split("/", -1);
    if (p.length >= 3 && p[0].equals("alerts") && ALERT_KINDS.contains(p[p.length - 1])) {
      List<String> codes = List.of(p).subList(1, p.length - 1);
      if (codes.equals(List.of(UNPLACED))) {
        return Optional.of(new TopicAddress.Alerts(List.of(), p[p.length - 1]));
      }
      return codes.stream().allMatch(c -> REGION.matcher(c).matches())
          ? Optional.of(new TopicAddress.Alerts(codes, p[p.length - 1]))
          : Optional.empty();
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
