package org.sharpeyes.sims.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs hotlisted reads the edge accepted with the alerts that arrive for them on the live feed, by
 * event id: a first sighting raises {@code alert} with {@code firstEventId} = the read's id, a
 * repeat comes as {@code alert-update} with {@code lastEventId} = that read's id. The alert can
 * arrive before the edge's 202 answer has been processed, so unclaimed alert ids are kept (bounded)
 * for a read to claim later.
 *
 * <p>A server may fold several quick repeats into one update. A read that never got its own alert
 * but whose plate matched a later read is therefore counted as <em>folded</em>, not missing.
 * Thread-safe: reads are reported from HTTP threads, alerts from the stream's reader thread.
 */
public final class AlertMatcher {

  /** The live-feed event types that carry alerts. */
  public static final Set<String> ALERT_EVENT_TYPES = Set.of("alert", "alert-update");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MISSING_SAMPLE = 10;
  private static final long WAIT_SLICE_MILLIS = 50;

  private record Pending(String plate, Instant sentAt) {}

  private record Arrival(String alertId, Instant arrivedAt) {}

  private final int maxTracked;
  private final LatencySamples latency;
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, Arrival> unclaimedArrivals;
  private final Map<String, Instant> lastMatchedSentAtByPlate = new HashMap<>();
  private final Set<String> alertIds = new HashSet<>();
  private long tracked;
  private long matched;
  private long untracked;
  private long alertEvents;
  private long unreadableEvents;
  private long unmatchedEvents;
  private long unclaimedEvicted;

  /**
   * @param maxTracked reads awaiting their alert at most, and unclaimed alert ids kept at most;
   *     reads past the limit are counted as untracked and left out of the figures
   * @param latency where POST-sent → alert-arrived latencies go
   */
  public AlertMatcher(int maxTracked, LatencySamples latency) {
    if (maxTracked < 1) {
      throw new IllegalArgumentException("max tracked must be at least 1, got " + maxTracked);
    }
    this.maxTracked = maxTracked;
    this.latency = latency;
    this.unclaimedArrivals =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Arrival> eldest) {
            boolean full = size() > maxTracked;
            if (full) {
              unclaimedEvicted++;
            }
            return full;
          }
        };
  }

  /**
   * A hotlisted read was accepted by the edge.
   *
   * @param eventId the id from the edge's 202 answer
   * @param plate the normalised plate
   * @param sentAt when its POST was sent
   */
  public synchronized void readAccepted(String eventId, String plate, Instant sentAt) {
    tracked++;
    Arrival arrival = unclaimedArrivals.remove(eventId);
    if (arrival != null) {
      // Its alert raced ahead of the 202 and was counted as unmatched on arrival.
      unmatchedEvents = Math.max(0, unmatchedEvents - 1);
      matched(arrival.alertId(), plate, sentAt, arrival.arrivedAt());
    } else if (pending.size() >= maxTracked) {
      untracked++;
    } else {
      pending.put(eventId, new Pending(plate, sentAt));
    }
    notifyAll();
  }

  /**
   * An {@code alert} or {@code alert-update} event arrived.
   *
   * @param json the event's data: alert JSON with {@code id}, {@code firstEventId}, {@code
   *     lastEventId}
   */
  public synchronized void alertArrived(String json, Instant arrivedAt) {
    alertEvents++;
    JsonNode alert;
    try {
      alert = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      unreadableEvents++;
      return;
    }
    if (alert == null || !alert.isObject()) {
      unreadableEvents++;
      return;
    }
    String alertId = alert.path("id").asText("");
    boolean any = false;
    for (String field : List.of("firstEventId", "lastEventId")) {
      String eventId = alert.path(field).asText("");
      if (eventId.isEmpty()) {
        continue;
      }
      Pending read = pending.remove(eventId);
      if (read != null) {
        matched(alertId, read.plate(), read.sentAt(), arrivedAt);
        any = true;
      } else {
        unclaimedArrivals.putIfAbsent(eventId, new Arrival(alertId, arrivedAt));
      }
    }
    if (!any) {
      unmatchedEvents++;
    }
    notifyAll();
  }

  private void matched(String alertId, String plate, Instant sentAt, Instant arrivedAt) {
    matched++;
    if (!alertId.isEmpty() && alertIds.size() < maxTracked) {
      alertIds.add(alertId);
    }
    latency.record(Duration.between(sentAt, arrivedAt));
    lastMatchedSentAtByPlate.merge(plate, sentAt, (a, b) -> a.isAfter(b) ? a : b);
  }

  /**
   * Waits until every tracked read has its alert or was folded into a later one, or the timeout
   * passes.
   *
   * @return true when settled, false on timeout
   */
  public synchronized boolean awaitSettled(Clock clock, Duration timeout)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (!settled()) {
      long waitMillis = Duration.between(clock.instant(), deadline).toMillis();
      if (waitMillis <= 0) {
        return false;
      }
      // Short slices, so that the deadline follows the injected clock rather than the wall clock.
      wait(Math.min(waitMillis, WAIT_SLICE_MILLIS));
    }
    return true;
  }

  private boolean settled() {
    return pending.values().stream().allMatch(this::folded);
  }

  private boolean folded(Pending read) {
    Instant later = lastMatchedSentAtByPlate.get(read.plate());
    return later != null && later.isAfter(read.sentAt());
  }

  /** The figures so far; reads still pending and not folded count as missing. */
  public synchronized MatchResult result() {
    long folded = pending.values().stream().filter(this::folded).count();
    List<String> missingSample = new ArrayList<>();
    pending.entrySet().stream()
        .filter(e -> !folded(e.getValue()))
        .limit(MISSING_SAMPLE)
        .forEach(e -> missingSample.add(e.getValue().plate() + " " + e.getKey()));
    return new MatchResult(
        tracked,
        matched,
        folded,
        pending.size() - folded,
        untracked,
        alertIds.size(),
        alertEvents,
        unmatchedEvents,
        unreadableEvents,
        unclaimedEvicted,
        List.copyOf(missingSample));
  }

  /**
   * @param tracked hotlisted reads the edge accepted with an event id
   * @param matched reads whose own alert arrived
   * @param folded reads without their own alert, whose plate's later read got one
   * @param missing reads with no alert at all
   * @param untracked reads past the tracking limit, not in any figure
   * @param distinctAlerts alert ids seen for matched reads
   * @param alertEvents {@code alert}/{@code alert-update} events received
   * @param unmatchedEvents of those, events that matched no read (other traffic, earlier runs)
   * @param unreadableEvents events whose data was not a JSON object
   * @param unclaimedEvicted unclaimed alert ids dropped at the tracking limit
   * @param missingSample a few missing reads as {@code plate eventId}
   */
  public record MatchResult(
      long tracked,
      long matched,
      long folded,
      long missing,
      long untracked,
      long distinctAlerts,
      long alertEvents,
      long unmatchedEvents,
      long unreadableEvents,
      long unclaimedEvicted,
      List<String> missingSample) {}
}
