package org.sharpeyes.ingest.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.runtime.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbound queue holds. Every poll (and at once when the fan-out wrote rows) it
 * reads up to {@value #BATCH} pending deliveries that are due, claims each ({@link
 * WebhookStore#claim}: a second server that read the same row loses the claim and skips it), and
 * POSTs them, all of the batch at once, each within {@code workflow.webhooks.timeout}. A 2xx answer
 * marks the delivery delivered; anything else is retried after a capped, fully jittered backoff
 * ({@link Backoff} with {@code initialDelay}, {@code maxDelay}), until {@code maxAttempts} attempts
 * have failed: then it is dead, with the reason. Everything is in the store, so a restarted server
 * goes on where it stopped; a delivery whose attempt was cut short by a stop is tried again once
 * its claim lapses.
 */
final class WebhookDeliverer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);

  static final int BATCH = 32;

  /** How long past its timeout a claimed attempt stays claimed. */
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

  private final WebhookStore store;
  private final WorkflowConfig.Webhooks config;
  private final Backoff backoff;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Duration pollEvery;
  private final AtomicBoolean woken = new AtomicBoolean();
  private final Counter delivered;
  private final Counter failed;
  private final Counter dead;
  private ScheduledFuture<?> polling;

  WebhookDeliverer(
      WebhookStore store,
      WorkflowConfig.Webhooks config,
      Backoff backoff,
      HttpClient http,
      ScheduledExecutorService scheduler,
      Clock clock,
      MeterRegistry registry) {
    this.store = store;
    this.config = config;
    this.backoff = backoff;
    this.http = http;
    this.scheduler = scheduler;
    this.clock = clock;
    long half = Math.max(1, config.initialDelay().toMillis() / 2);
    this.pollEvery = Duration.ofMillis(Math.max(50, Math.min(1000, half)));
    this.delivered =
        Counter.builder("sharpeyes.outbound.webhook.delivered")
            .description("webhook deliveries answered 2xx")
            .register(registry);
    this.failed =
        Counter.builder("sharpeyes.outbound.webhook.failed")
            .description("webhook attempts that failed and will be retried")
            .register(registry);
    this.dead =
        Counter.builder("sharpeyes.outbound.webhook.dead")
            .description("webhook deliveries given up after workflow.webhooks.maxAttempts")
            .register(registry);
  }

  void start() {
    polling =
        scheduler.scheduleWithFixedDelay(
            this::poll, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** New rows were written: poll now rather than at the next tick. */
  void wake() {
    if (woken.compareAndSet(false, true)) {
      try {
        scheduler.execute(this::poll);
      } catch (RejectedExecutionException e) {
        woken.set(false);
      }
    }
  }

  private void poll() {
    woken.set(false);
    try {
      List<WebhookStore.Due> due;
      do {
        due = store.due(clock.instant(), BATCH);
        sendAll(due);
      } while (due.size() == BATCH && !Thread.currentThread().isInterrupted());
    } catch (SQLException | RuntimeException e) {
      LOG.warn("webhook deliveries not polled: {}", e.toString());
    }
  }

  private void sendAll(List<WebhookStore.Due> due) throws SQLException {
    Instant lease = clock.instant().plus(config.timeout()).plus(LEASE_MARGIN);
    List<CompletableFuture<Void>> sending = new ArrayList<>();
    for (WebhookStore.Due d : due) {
      if (store.claim(d.id(), d.attempts(), lease)) {
        sending.add(send(d));
      }
    }
    for (CompletableFuture<Void> f : sending) {
      try {
        f.join();
      } catch (CompletionException e) {
        LOG.warn("webhook delivery outcome not recorded: {}", e.getCause().toString());
      }
    }
  }

  private CompletableFuture<Void> send(WebhookStore.Due d) {
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(d.url()))
              .timeout(config.timeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "SharpEyes-Webhooks/1")
              .header("X-SharpEyes-Event", d.kind())
              .header("X-SharpEyes-Delivery", d.id())
              .header("X-SharpEyes-Timestamp", Long.toString(timestamp))
              .header("X-SharpEyes-Signature", WebhookSignature.sign(d.secret(), timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
    } catch (IllegalArgumentException e) {
      outcome(d, "bad URL: " + e.getMessage()); // on this thread: the batch waits on it
      return CompletableFuture.completedFuture(null);
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                outcome(d, cause.toString());
              } else if (response.statusCode() / 100 == 2) {
                outcome(d, null);
              } else {
                outcome(d, "HTTP " + response.statusCode());
              }
              return null;
            });
  }

  /** Records one attempt: {@code error} null when delivered. */
  private void outcome(WebhookStore.Due d, String error) {
    Instant now = clock.instant();
    int attempts = d.attempts() + 1;
    try {
      if (error == null) {
        store.delivered(d.id(), now);
        delivered.increment();
      } else if (attempts >= config.maxAttempts()) {
        store.dead(d.id(), now, error);
        dead.increment();
        LOG.warn(
            "webhook delivery {} dead after {} attempts to {}: {}",
            d.id(),
            attempts,
            d.url(),
            error);
      } else {
        store.retry(d.id(), now.plus(backoff.delayAfter(attempts - 1)), error);
        failed.increment();
        LOG.debug("webhook delivery {} attempt {} failed: {}", d.id(), attempts, error);
      }
    } catch (SQLException e) {
      // the claim lapses and the attempt is made again
      LOG.warn("webhook delivery {}: outcome not stored: {}", d.id(), e.toString());
    }
  }

  @Override
  public void close() {
    ScheduledFuture<?> p = polling;
    if (p != null) {
      p.cancel(false);
    }
  }
}
