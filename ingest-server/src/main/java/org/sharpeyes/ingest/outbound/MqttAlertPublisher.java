package org.sharpeyes.ingest.outbound;

import static org.sharpeyes.mqtt.MqttConnections.describe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.mqtt.MqttConnections;
import org.sharpeyes.runtime.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every alert change at QoS 1 on its alert topic ({@link AlertTopics}), on a connection
 * of its own ({@code <broker.clientId>-alerts}, clean session). The alert feed's thread only offers
 * the change to a bounded queue and returns; when the queue is full the change is dropped and
 * counted ({@code sharpeyes.outbound.mqtt.dropped}). One thread drains the queue: it connects,
 * reconnects after {@code broker.reconnect} backoff, and publishes one message at a time, waiting
 * for its PUBACK; a message the broker did not acknowledge is published again after reconnecting.
 */
final class MqttAlertPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttAlertPublisher.class);

  /** The publisher's client id is {@code broker.clientId} with this. */
  static final String CLIENT_ID_SUFFIX = "-alerts";

  private static final long CONNECT_WAIT_MS = 15_000;
  private static final long PUBLISH_WAIT_MS = 30_000;
  private static final long POLL_MS = 500;

  private final MqttConnections connections;
  private final Backoff backoff;
  private final AlertEvents events;
  private final ExecutorService thread;
  private final BlockingQueue<AlertChange> queue;
  private final Counter dropped;
  private final MeterRegistry registry;

  private volatile MqttAsyncClient client;
  private volatile boolean closed;
  private volatile String lastError;

  /**
   * @param thread the one thread that drains the queue; its owner shuts it down after {@link
   *     #close()}
   * @param capacity changes waiting to be published; more are dropped
   */
  MqttAlertPublisher(
      MqttConnections connections,
      Backoff backoff,
      AlertEvents events,
      ExecutorService thread,
      int capacity,
      MeterRegistry registry) {
    this.connections = connections;
    this.backoff = backoff;
    this.events = events;
    this.thread = thread;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.registry = registry;
    this.dropped =
        Counter.builder("sharpeyes.outbound.mqtt.dropped")
            .description("alert changes not published on MQTT because the queue was full")
            .register(registry);
    Gauge.builder("sharpeyes.outbound.mqtt.queued", queue, BlockingQueue::size)
        .description("alert changes waiting to be published on MQTT")
        .register(registry);
  }

  void start() {
    try {
      thread.execute(this::run);
    } catch (RejectedExecutionException e) {
      LOG.debug("alert topics publisher not started: the server is stopping");
    }
  }

  /** Called on the alert feed's thread: never blocks. */
  void offer(AlertChange change) {
    if (closed || AlertEventKind.of(change).isEmpty()) {
      return;
    }
    if (!queue.offer(change)) {
      dropped.increment();
    }
  }

  boolean connected() {
    MqttAsyncClient c = client;
    return c != null && c.isConnected();
  }

  String lastError() {
    return lastError;
  }

  private void run() {
    AlertChange held = null;
    try {
      while (!closed && !Thread.currentThread().isInterrupted()) {
        if (!connected()) {
          connect();
          continue;
        }
        if (held == null) {
          held = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
          if (held == null) {
            continue;
          }
        }
        if (publish(held)) {
          held = null;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True when published (or not publishable); false to try again after reconnecting. */
  private boolean publish(AlertChange change) throws InterruptedException {
    AlertEventKind kind = AlertEventKind.of(change).orElseThrow();
    String topic = AlertTopics.topic(change.alert().regionPath(), kind);
    byte[] payload;
    try {
      payload = events.event(change, kind).encode().getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      LOG.error("alert {}: its {} event cannot be made", change.alert().id(), kind.label(), e);
      return true;
    }
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    message.setRetained(false);
    try {
      client.publish(topic, message).waitForCompletion(PUBLISH_WAIT_MS);
      Counter.builder("sharpeyes.outbound.mqtt.published")
          .description("alert changes published on the alert topics, by kind")
          .tag("kind", kind.label())
          .register(registry)
          .increment();
      return true;
    } catch (MqttException e) {
      if (e.getCause() instanceof InterruptedException) {
        throw new InterruptedException("stopping");
      }
      lastError = "cannot publish on " + topic + ": " + describe(e);
      LOG.warn(lastError);
      disconnectQuietly();
      return false;
    }
  }

  private void connect() throws InterruptedException {
    try {
      if (client == null) {
        client = connections.newClient();
      }
      client.connect(connections.options()).waitForCompletion(CONNECT_WAIT_MS);
      backoff.succeeded();
      lastError = null;
      LOG.info("alert topics publisher connected to {}", connections.serverUri());
    } catch (MqttException | RuntimeException e) {
      if (e.getCause() instanceof InterruptedException) {
        throw new InterruptedException("stopping");
      }
      lastError = "cannot connect to " + connections.serverUri() + ": " + describe(e);
      long delay = backoff.failed().toMillis();
      LOG.debug("{}; next attempt in {} ms", lastError, delay);
      TimeUnit.MILLISECONDS.sleep(delay);
    }
  }

  private void disconnectQuietly() {
    MqttAsyncClient c = client;
    try {
      if (c != null && c.isConnected()) {
        c.disconnect(1000).waitForCompletion(3000);
      }
    } catch (MqttException e) {
      LOG.debug("unclean disconnect of the alert topics connection: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    closed = true;
    MqttAsyncClient c = client;
    if (c != null) {
      disconnectQuietly();
      try {
        c.close(true);
      } catch (MqttException e) {
        LOG.debug("unclean close of the alert topics connection: {}", e.getMessage());
      }
    }
  }
}
