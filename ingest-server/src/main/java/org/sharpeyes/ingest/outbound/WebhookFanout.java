package org.sharpeyes.ingest.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import org.sharpeyes.ingest.alert.AlertChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each alert change into deliveries: one {@code pending} row in {@code webhook_deliveries}
 * for every enabled subscription whose jurisdiction covers the alert and whose kinds include the
 * change's. The alert feed's thread only hands the change to one worker thread (at most {@code
 * capacity} waiting); the worker reads the subscriptions and writes the rows. Beyond {@code
 * maxPending} pending rows, or a full hand-off, the delivery is dropped and counted ({@code
 * sharpeyes.outbound.webhook.dropped}).
 */
final class WebhookFanout {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookFanout.class);

  private final WebhookStore store;
  private final AlertEvents events;
  private final ExecutorService worker;
  private final Semaphore room;
  private final int maxPending;
  private final Predicate<String> cityWide;
  private final Clock clock;
  private final Runnable delivered;
  private final Counter queued;
  private final Counter dropped;

  /**
   * @param worker one thread; its owner shuts it down
   * @param capacity changes waiting for the worker
   * @param cityWide true for a root region: a subscription for it also gets the unplaced alerts
   * @param onQueued told after rows were written (wakes the deliverer)
   */
  WebhookFanout(
      WebhookStore store,
      AlertEvents events,
      ExecutorService worker,
      int capacity,
      int maxPending,
      Predicate<String> cityWide,
      Clock clock,
      MeterRegistry registry,
      Runnable onQueued) {
    this.store = store;
    this.events = events;
    this.worker = worker;
    this.room = new Semaphore(capacity);
    this.maxPending = maxPending;
    this.cityWide = cityWide;
    this.clock = clock;
    this.delivered = onQueued;
    this.queued =
        Counter.builder("sharpeyes.outbound.webhook.queued")
            .description("webhook deliveries written to the outbound queue")
            .register(registry);
    this.dropped =
        Counter.builder("sharpeyes.outbound.webhook.dropped")
            .description("webhook deliveries dropped: the outbound queue was full")
            .register(registry);
  }

  /** Called on the alert feed's thread: never blocks. */
  void offer(AlertChange change) {
    if (AlertEventKind.of(change).isEmpty()) {
      return;
    }
    if (!room.tryAcquire()) {
      dropped.increment();
      return;
    }
    try {
      worker.execute(
          () -> {
            try {
              fanOut(change);
            } finally {
              room.release();
            }
          });
    } catch (RejectedExecutionException e) {
      room.release();
      LOG.debug("webhook fan-out stopped; alert {} not queued", change.alert().id());
    }
  }

  private void fanOut(AlertChange change) {
    AlertEventKind kind = AlertEventKind.of(change).orElseThrow();
    String path = change.alert().regionPath();
    try {
      List<WebhookSubscription> targets =
          store.subscriptions().stream()
              .filter(s -> s.wants(path, kind, cityWide.test(s.jurisdiction())))
              .toList();
      if (targets.isEmpty()) {
        return;
      }
      int pending = store.pending();
      int written = 0;
      for (WebhookSubscription s : targets) {
        if (pending >= maxPending) {
          dropped.increment();
          LOG.warn(
              "webhook queue full ({} pending): {} of alert {} for {} dropped",
              pending,
              kind.label(),
              change.alert().id(),
              s.url());
          continue;
        }
        String id = UUID.randomUUID().toString();
        String body = events.event(change, kind, id).encode();
        store.enqueue(id, s.id(), kind.label(), change.alert().id(), body, clock.instant());
        pending++;
        written++;
        queued.increment();
      }
      if (written > 0) {
        delivered.run();
      }
    } catch (SQLException | RuntimeException e) {
      dropped.increment();
      LOG.error("alert {}: webhook deliveries not queued", change.alert().id(), e);
    }
  }
}
