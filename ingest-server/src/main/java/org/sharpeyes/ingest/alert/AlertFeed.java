package org.sharpeyes.ingest.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells subscribers about every alert raised or folded, after it is committed. Subscribers run on
 * the publishing thread (the ingest worker): they must hand work off (e.g. to an event loop) and
 * return at once. A subscriber that throws is logged; the others still hear about the change.
 */
public final class AlertFeed {

  private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

  private final List<Consumer<AlertChange>> subscribers = new CopyOnWriteArrayList<>();

  /** Ends a subscription; closing it again does nothing. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** Subscribes; close the returned handle to stop. */
  public Subscription subscribe(Consumer<AlertChange> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  /** Tells every subscriber about {@code change}; call it after the change is committed. */
  public void publish(AlertChange change) {
    for (Consumer<AlertChange> s : subscribers) {
      try {
        s.accept(change);
      } catch (RuntimeException e) {
        LOG.error("alert feed subscriber failed on alert {}", change.alert().id(), e);
      }
    }
  }
}
