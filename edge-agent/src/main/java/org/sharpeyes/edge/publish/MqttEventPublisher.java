package org.sharpeyes.edge.publish;

import static org.sharpeyes.mqtt.MqttConnections.describe;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.sharpeyes.edge.outbox.Outbox;
import org.sharpeyes.edge.outbox.OutboxEntry;
import org.sharpeyes.edge.telemetry.LogThrottle;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the {@link Outbox} to the broker at QoS 1 in sequence order: the snapshot (if any)
 * first, then the event. An entry leaves the outbox only when every one of its messages has been
 * acknowledged (PUBACK); on failure it goes back and is sent again before later ones. At most
 * {@code maxInFlight} events are unacknowledged at a time. The connection itself is a {@link
 * BrokerSession}.
 *
 * <p>Threads: all work runs on the injected single-threaded executor. {@link #start}, {@link
 * #status} and {@link #isConnected} may be called from any thread; {@link #close} blocks and must
 * not be called on that executor.
 */
public final class MqttEventPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttEventPublisher.class);

  /** How long {@link #close()} waits for the outbox to drain to the broker. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private static final long EXECUTOR_CALL_TIMEOUT_SECONDS = 10;

  private final PublisherSetup setup;
  private final Outbox outbox;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final PublisherMetrics metrics;
  private final BrokerSession session;
  private final LogThrottle throttle;
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final IMqttActionListener ackListener = new AckListener();

  // Confined to the executor.
  private final Map<Long, Delivery> inFlight = new HashMap<>();
  private CompletableFuture<Void> drainWaiter;

  /**
   * @param executor single-threaded; owned by the caller, who shuts it down after {@link #close}
   * @param random source of the reconnect jitter
   */
  public MqttEventPublisher(
      PublisherSetup setup,
      Outbox outbox,
      EventCodec codec,
      ScheduledExecutorService executor,
      Clock clock,
      RandomGenerator random,
      MeterRegistry meters) {
    this.setup = setup;
    this.outbox = outbox;
    this.executor = executor;
    this.clock = clock;
    this.throttle = new LogThrottle(clock, Duration.ofMinutes(1));
    this.metrics = new PublisherMetrics(meters);
    this.session =
        new BrokerSession(setup, codec, executor, clock, random, metrics, new SessionEvents());
    metrics.watchState(session::state);
  }

  /** Who takes the server's sync messages; call before {@link #start()}. Default: nobody. */
  public MqttEventPublisher inbound(Inbound inbound) {
    session.inbound(inbound);
    return this;
  }

  /** Starts connecting in the background; returns at once. */
  public void start() {
    outbox.onAvailable(this::requestDrain);
    session.open();
  }

  public boolean isConnected() {
    return session.state() == PublisherState.CONNECTED;
  }

  public PublisherStatus status() {
    return session.status();
  }

  private void requestDrain() {
    if (drainQueued.compareAndSet(false, true)) {
      session.hop(this::drain);
    }
  }

  private void drain() {
    drainQueued.set(false);
    while (isConnected() && inFlight.size() < setup.broker().maxInFlight()) {
      Optional<OutboxEntry> next = outbox.takeNext();
      if (next.isEmpty() || !send(next.get())) {
        break;
      }
    }
    checkDrained();
  }

  /** Sends one entry; false when sending has to pause (the entry went back to the outbox). */
  private boolean send(OutboxEntry entry) {
    Delivery d = new Delivery(entry, entry.hasSnapshot() ? 2 : 1);
    inFlight.put(entry.seq(), d);
    String edgeId = setup.edgeId();
    try {
      if (entry.hasSnapshot()) {
        session.publish(
            Topics.snapshot(edgeId, entry.eventId()), entry.snapshotJpeg(), d, ackListener);
      }
      session.publish(Topics.events(edgeId, entry.type()), entry.eventJson(), d, ackListener);
      return true;
    } catch (MqttException e) {
      inFlight.remove(entry.seq());
      outbox.release(entry.seq());
      if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
        failed("cannot publish event seq " + entry.seq() + ": " + describe(e));
        retryDrainLater();
      }
      // With Paho's window full, the next acknowledgement drains again.
      return false;
    }
  }

  private void onAcked(Delivery d) {
    if (inFlight.get(d.entry.seq()) != d || --d.pendingAcks > 0) {
      return;
    }
    inFlight.remove(d.entry.seq());
    outbox.acknowledge(d.entry.seq());
    metrics.published(
        d.entry.type(),
        d.entry.hasSnapshot(),
        Duration.between(d.entry.receivedAt(), clock.instant()));
    drain();
  }

  private void onFailed(Delivery d, Throwable e) {
    if (inFlight.remove(d.entry.seq(), d)) {
      outbox.release(d.entry.seq());
      failed("publishing event seq " + d.entry.seq() + " failed: " + describe(e));
      retryDrainLater();
    }
  }

  private void failed(String message) {
    metrics.failed();
    session.recordError(message);
    throttle
        .permit("publish")
        .ifPresent(held -> log.warn("{}{}", message, LogThrottle.heldBack(held)));
  }

  private void retryDrainLater() {
    try {
      executor.schedule(
          this::requestDrain,
          setup.broker().reconnect().initialDelay().toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("executor stopped; not retrying");
    }
  }

  private void checkDrained() {
    if (drainWaiter != null && (!isConnected() || outbox.status().depth() == 0)) {
      drainWaiter.complete(null);
    }
  }

  /**
   * Stops: waits up to {@link #DEFAULT_DRAIN_TIMEOUT} for queued events to reach the broker, then
   * publishes the retained {@code offline} status and disconnects cleanly. Idempotent.
   */
  @Override
  public void close() {
    close(DEFAULT_DRAIN_TIMEOUT);
  }

  /** Like {@link #close()} with another drain timeout. */
  public void close(Duration drainTimeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<Void> drained = new CompletableFuture<>();
    onExecutor(
        () -> {
          session.beginClose();
          drainWaiter = drained;
          checkDrained();
          return null;
        });
    try {
      drained.get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      log.warn("stopping before the broker acknowledged every event");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long left = outbox.status().depth();
    if (left > 0) {
      log.info("{} events stay in the outbox and are sent after the next start", left);
    }
    var offline = onExecutor(session::publishOffline);
    session.disconnect(onExecutor(session::client), offline);
  }

  private <T> T onExecutor(Callable<T> task) {
    try {
      return executor.submit(task).get(EXECUTOR_CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      try {
        return task.call();
      } catch (Exception inner) {
        log.warn("publisher task failed: {}", describe(inner));
        return null;
      }
    } catch (ExecutionException e) {
      log.warn("publisher task failed: {}", describe(e.getCause()));
      return null;
    } catch (TimeoutException e) {
      log.warn("publisher thread did not answer within {}s", EXECUTOR_CALL_TIMEOUT_SECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** One entry on its way to the broker; done when every one of its messages is acknowledged. */
  private static final class Delivery {
    private final OutboxEntry entry;
    private int pendingAcks;

    Delivery(OutboxEntry entry, int pendingAcks) {
      this.entry = entry;
      this.pendingAcks = pendingAcks;
    }
  }

  private final class SessionEvents implements BrokerSession.Listener {
    @Override
    public void connected() {
      drain();
    }

    @Override
    public void lost() {
      if (!inFlight.isEmpty()) {
        log.info("{} unacknowledged events go back to the queue", inFlight.size());
      }
      inFlight.clear();
      outbox.releaseAll();
      checkDrained();
    }
  }

  private final class AckListener implements IMqttActionListener {
    @Override
    public void onSuccess(IMqttToken token) {
      if (token.getUserContext() instanceof Delivery d) {
        session.hop(() -> onAcked(d));
      }
    }

    @Override
    public void onFailure(IMqttToken token, Throwable e) {
      if (token.getUserContext() instanceof Delivery d) {
        session.hop(() -> onFailed(d, e));
      }
    }
  }
}
