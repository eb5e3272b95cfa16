package org.sharpeyes.ingest.mqtt;

import static org.sharpeyes.mqtt.MqttConnections.describe;

import io.vertx.core.Future;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubAckMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.pipeline.InboundMessage;
import org.sharpeyes.ingest.pipeline.IntakeQueues;
import org.sharpeyes.ingest.pipeline.MessageAcknowledger;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.mqtt.MqttConnections;
import org.sharpeyes.runtime.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes at QoS 1 to every edge's events, snapshots and status, and hands each message to the
 * bounded worker queues; the broker gets the PUBACK only when the worker {@linkplain #acknowledge
 * acknowledges} it after storing, and only on the connection that delivered it. The session is
 * persistent (fixed client id, clean session off), so messages published while the server is down
 * wait in the broker.
 *
 * <p>The client is Vert.x MQTT on an event loop of its own ({@link IntakeEventLoop}, thread {@value
 * #THREAD}): Netty reads payloads in bulk, where Paho's receiver cost about 35 µs of CPU per
 * message reading them a byte at a time. A new client is made for each connection attempt; every
 * message carries its connection's number, and acknowledgements for a connection that is gone are
 * skipped and counted (the broker redelivers those messages; the pipeline finds them duplicates).
 * Acknowledgements are carried to the event loop ({@link PendingAcks}), where the PUBACK is
 * written.
 *
 * <p>Backpressure: the event loop waits at most {@link #enqueueWait} for room in the queue. That
 * loop serves this subscriber alone, so the wait holds up nothing else (its blocked-thread warning
 * starts above the wait); a shared Vert.x event loop must never wait like that. If the queue stays
 * full, the connection is dropped on purpose (the unacknowledged messages stay with the broker, and
 * what else arrives on that connection is neither queued nor acknowledged, so that nothing
 * overtakes the message that did not fit) and reconnecting waits until no queue is full. Waiting
 * longer would stop the client answering the broker's keep-alive and the connection would be lost
 * anyway, less predictably. (Pausing the socket instead would need the client's internal
 * connection.)
 *
 * <p>{@link #start()} returns at once, connected or not; the subscriber keeps retrying with capped,
 * jittered backoff until {@link #close()}. Thread-safe.
 */
public final class IngestSubscriber implements MessageAcknowledger, AutoCloseable {

  static final String THREAD = "sharpeyes-mqtt-intake";

  private static final Logger LOG = LoggerFactory.getLogger(IngestSubscriber.class);
  private final URI url;
  private final MqttConnections connections;
  private final IntakeClientOptions options;
  private final IntakeQueues queue;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final IngestMetrics metrics;
  private final Backoff backoff;
  private final Duration enqueueWait;
  private final Object lock = new Object();
  private final AtomicLong connection = new AtomicLong();
  private volatile ConnectionState state = ConnectionState.DISCONNECTED;
  private volatile String lastError;
  private volatile boolean running;
  private int attempt;
  private ScheduledFuture<?> pendingReconnect;
  private IntakeEventLoop loop;
  private volatile PendingAcks acks;

  /** The connection of the moment; read and written on the event loop only. */
  private IntakeLink current;

  /**
   * @param url the broker to connect to (for the embedded broker, its actual address)
   * @param credentials read from the environment variables {@code config} names
   * @param scheduler runs reconnect attempts; not shut down by this class
   * @throws IllegalStateException when the CA file of {@code config.tls} cannot be used
   */
  public IngestSubscriber(
      URI url,
      BrokerSettings config,
      BrokerCredentials credentials,
      IntakeQueues queue,
      ScheduledExecutorService scheduler,
      Clock clock,
      RandomGenerator random,
      IngestMetrics metrics) {
    this.url = url;
    this.connections =
        MqttConnections.of(
            config.withUrl(url), credentials, MqttConnections.Use.persistentIntake());
    this.options = IntakeClientOptions.of(connections, credentials);
    this.queue = queue;
    this.scheduler = scheduler;
    this.clock = clock;
    this.metrics = metrics;
    this.backoff = connections.backoff(random, clock);
    Duration third = config.keepAlive().dividedBy(3);
    this.enqueueWait = third.compareTo(Duration.ofSeconds(5)) < 0 ? third : Duration.ofSeconds(5);
  }

  /** Starts connecting in the background (once). */
  public void start() {
    synchronized (lock) {
      if (loop != null) {
        throw new IllegalStateException("already started");
      }
      loop = IntakeEventLoop.start(THREAD, enqueueWait);
      acks = new PendingAcks(loop.context(), this::ackOnLoop, m -> metrics.ackSkipped());
      running = true;
    }
    connect();
  }

  public ConnectionState state() {
    return state;
  }

  public URI url() {
    return url;
  }

  /** Why the last connection attempt failed or the connection was lost; {@code null} if none. */
  public String lastError() {
    return lastError;
  }

  /**
   * Sends the PUBACK of {@code message} on the intake's event loop; returns at once. Skipped and
   * counted when the connection that delivered it is gone.
   */
  @Override
  public void acknowledge(InboundMessage message) {
    if (message.connection() != connection.get()) {
      metrics.ackSkipped();
      return;
    }
    PendingAcks carrier = acks;
    if (carrier == null) {
      metrics.ackSkipped(); // never started: no connection delivered it
      return;
    }
    if (message.qos() > 0) {
      carrier.add(message);
    }
  }

  /** On the loop: the acknowledgement, if its connection is still the current one. */
  private void ackOnLoop(InboundMessage message) {
    IntakeLink link = current;
    if (link == null
        || !link.usable()
        || link.epoch != message.connection()
        || !link.acknowledge(message.messageId())) {
      metrics.ackSkipped();
    }
  }

  private void connect() {
    long epoch;
    synchronized (lock) {
      pendingReconnect = null;
      if (!running || state != ConnectionState.DISCONNECTED) {
        return;
      }
      if (queue.anyFull()) {
        lastError = "worker queue full; waiting for room before reconnecting";
        scheduleReconnect();
        return;
      }
      state = ConnectionState.CONNECTING;
      epoch = connection.incrementAndGet(); // acks of the previous connection become void
    }
    try {
      loop.context().runOnContext(v -> open(epoch));
    } catch (RuntimeException e) {
      failed("connect", e);
    }
  }

  /** On the loop: a new client for connection {@code epoch}, connecting. */
  private void open(long epoch) {
    if (!running) {
      state = ConnectionState.DISCONNECTED;
      return;
    }
    MqttClient client = MqttClient.create(loop.vertx(), options.copy());
    IntakeLink link = new IntakeLink(epoch, client);
    current = link;
    client.publishHandler(m -> received(link, m));
    client.subscribeCompletionHandler(ack -> subscribed(link, ack));
    client.exceptionHandler(e -> link.problem = e);
    client.closeHandler(v -> closed(link));
    link.startConnectTimer(
        loop.vertx(),
        Duration.ofSeconds(MqttConnections.CONNECT_TIMEOUT_SECONDS),
        () -> fail(link, "connect", new TimeoutException("no answer to CONNECT in time")));
    client
        .connect(options.port(), options.host())
        .onComplete(
            connected -> {
              link.cancelConnectTimer(loop.vertx());
              if (connected.failed()) {
                fail(link, "connect", connected.cause());
              } else if (link.ended) {
                client.disconnect(); // given up on meanwhile
              } else {
                client
                    .subscribe(IntakeClientOptions.FILTERS)
                    .onFailure(e -> fail(link, "subscribe", e));
              }
            });
  }

  /** On the loop. */
  private void subscribed(IntakeLink link, MqttSubAckMessage ack) {
    if (link.ended) {
      return;
    }
    if (IntakeClientOptions.refused(ack)) {
      fail(link, "subscribe", new IllegalStateException("the broker refused the subscription"));
      return;
    }
    synchronized (lock) {
      if (!running) {
        // Closed while connecting: let this late connection go.
        end(link);
        return;
      }
      state = ConnectionState.CONNECTED;
      attempt = 0;
      lastError = null;
    }
    link.subscribed = true;
    metrics.connectionAttempt("connected");
    LOG.info(
        "subscribed to {} as {} (events, snapshots, status; QoS 1)", url, connections.clientId());
  }

  /**
   * On the loop: one message, queued for its edge's worker. A persistent session delivers from the
   * CONNACK on, before the SUBACK: those are taken too.
   */
  private void received(IntakeLink link, MqttPublishMessage message) {
    if (!link.usable()) {
      return; // not queued, not acknowledged: the broker delivers it again
    }
    InboundMessage inbound =
        new InboundMessage(
            message.topicName(),
            message.payload().getBytes(),
            message.messageId(),
            message.qosLevel().value(),
            link.epoch,
            clock.instant());
    if (inbound.qos() > 0) {
      link.delivered(message);
    }
    if (RoomWait.offer(queue, inbound, enqueueWait, () -> running)) {
      return;
    }
    link.forget(inbound.messageId());
    if (!running) {
      return; // closing: close() lets the connection go
    }
    metrics.backpressureDisconnect();
    String reason = "worker queue full for " + enqueueWait.toMillis() + " ms; pausing intake";
    acks.drain(); // what is committed already is acknowledged before letting go
    link.dropReason = reason;
    link.client.disconnect().onComplete(done -> closed(link));
  }

  /** On the loop: the connection closed, by the broker, the network or ourselves. */
  private void closed(IntakeLink link) {
    if (link.ended) {
      return;
    }
    end(link);
    if (link.dropReason == null && !link.subscribed) {
      failed(
          "connect",
          link.problem != null
              ? link.problem
              : new IllegalStateException("the broker closed the connection"));
      return;
    }
    String why =
        link.dropReason != null
            ? link.dropReason
            : link.problem != null ? describe(link.problem) : "closed by the broker or the network";
    synchronized (lock) {
      if (!running) {
        state = ConnectionState.DISCONNECTED;
        return;
      }
      LOG.warn("lost the connection to {}: {}; reconnecting", url, why);
      lastError = "connection lost: " + why;
      state = ConnectionState.DISCONNECTED;
      connection.incrementAndGet();
      attempt = 0;
      scheduleReconnect();
    }
  }

  /** On the loop: an attempt that did not get as far as a subscription. */
  private void fail(IntakeLink link, String what, Throwable cause) {
    if (link.ended) {
      return;
    }
    end(link);
    failed(what, cause);
  }

  /** On the loop: this connection is over; its client lets go (without waiting). */
  private void end(IntakeLink link) {
    link.end(loop.vertx());
    if (current == link) {
      current = null;
    }
  }

  private void failed(String what, Throwable cause) {
    String message = what + " to " + url + " failed: " + describe(cause);
    metrics.connectionAttempt("failed");
    synchronized (lock) {
      lastError = message;
      state = ConnectionState.DISCONNECTED;
      if (!running) {
        return;
      }
      if (attempt == 0) {
        LOG.warn("{}; retrying until it works", message);
      } else if (attempt % 20 == 0) {
        LOG.warn("{}; still retrying ({} attempts so far)", message, attempt + 1);
      } else {
        LOG.debug("{} (attempt {})", message, attempt + 1);
      }
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    if (!running || pendingReconnect != null) {
      return;
    }
    Duration delay = backoff.delayAfter(attempt++);
    pendingReconnect = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Disconnects and releases the client and its event loop; messages queued and not yet
   * acknowledged stay with the broker (their acknowledgements, from now on, are skipped).
   */
  @Override
  public void close() {
    IntakeEventLoop closing;
    synchronized (lock) {
      running = false;
      if (pendingReconnect != null) {
        pendingReconnect.cancel(false);
        pendingReconnect = null;
      }
      closing = loop;
      if (closing == null) {
        return;
      }
      connection.incrementAndGet(); // no ack from now on reaches the loop
    }
    closing.runAndWait(
        () -> {
          IntakeLink link = current;
          current = null;
          return link == null || link.ended ? Future.succeededFuture() : link.end(closing.vertx());
        },
        Duration.ofSeconds(3));
    closing.close();
    acks.discard();
    state = ConnectionState.DISCONNECTED;
  }
}
