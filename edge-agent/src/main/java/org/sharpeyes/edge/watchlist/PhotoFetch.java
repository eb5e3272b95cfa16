package org.sharpeyes.edge.watchlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharpeyes.edge.publish.Inbound;
import org.sharpeyes.schema.topic.Topics;

/**
 * The enrolment photos a watchlist version still needs, fetched from their retained topics ({@code
 * sharpeyes/v1/watchlist/photos/{sha256}}): a subscription per photo, at most {@code window} asked
 * for at a time, each unsubscribed from once it has arrived or has not arrived within {@code
 * timeout} of asking. Photos asked for on a connection that is lost are asked for again, first, on
 * the next one; while disconnected, nothing is asked for.
 *
 * <p>Confined to the watchlist sync's executor, except {@link #outstanding()}.
 */
final class PhotoFetch {

  private final int window;
  private final Duration timeout;
  private final Clock clock;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Map<String, Instant> asked = new LinkedHashMap<>();
  private Inbound.Subscriber subscriber;
  private volatile int outstanding;

  PhotoFetch(int window, Duration timeout, Clock clock) {
    this.window = window;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** A new connection: what was asked for on the lost one is asked for again, before the rest. */
  void connected(Inbound.Subscriber s) {
    subscriber = s;
    List<String> again = new ArrayList<>(asked.keySet());
    asked.clear();
    for (int i = again.size() - 1; i >= 0; i--) {
      queue.addFirst(again.get(i));
    }
  }

  void lost() {
    subscriber = null;
  }

  /**
   * A new version: forgets the photos waiting to be asked for, and gives up on those asked for that
   * {@code wanted} no longer lists; {@link #add} then queues what it still needs.
   */
  void keepOnly(Set<String> wanted) {
    queue.clear();
    List<String> cancel = new ArrayList<>();
    asked.keySet().removeIf(sha -> !wanted.contains(sha) && cancel.add(topic(sha)));
    unsubscribe(cancel);
  }

  /** Queues a photo, unless it is already asked for. */
  void add(String sha) {
    if (!asked.containsKey(sha)) {
      queue.add(sha);
    }
  }

  /**
   * A photo arrived: whether it was asked for (and not given up on). Its topic is unsubscribed
   * from.
   */
  boolean received(String sha) {
    if (asked.remove(sha) == null) {
      return false;
    }
    unsubscribe(List.of(topic(sha)));
    return true;
  }

  /** The photos asked for {@code timeout} ago or longer, now given up on and unsubscribed from. */
  List<String> expire() {
    Instant now = clock.instant();
    List<String> late = new ArrayList<>();
    asked
        .entrySet()
        .removeIf(
            e -> {
              boolean expired = Duration.between(e.getValue(), now).compareTo(timeout) >= 0;
              if (expired) {
                late.add(e.getKey());
              }
              return expired;
            });
    unsubscribe(late.stream().map(PhotoFetch::topic).toList());
    return late;
  }

  /** Asks for queued photos while connected, up to the window. */
  void pump() {
    if (subscriber != null) {
      List<String> ask = new ArrayList<>();
      Instant now = clock.instant();
      while (asked.size() < window && !queue.isEmpty()) {
        String sha = queue.poll();
        asked.put(sha, now);
        ask.add(topic(sha));
      }
      subscriber.subscribe(ask);
    }
    outstanding = asked.size() + queue.size();
  }

  /** Whether every photo needed has arrived or been given up on. */
  boolean done() {
    return queue.isEmpty() && asked.isEmpty();
  }

  /** Photos asked for or waiting to be, as of the last {@link #pump()}; any thread. */
  int outstanding() {
    return outstanding;
  }

  private void unsubscribe(List<String> topics) {
    if (subscriber != null && !topics.isEmpty()) {
      subscriber.unsubscribe(topics);
    }
  }

  private static String topic(String sha) {
    return Topics.watchlistPhoto(sha);
  }
}
