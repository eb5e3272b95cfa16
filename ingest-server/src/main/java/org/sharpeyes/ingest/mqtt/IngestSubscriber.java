package org.sharpeyes.ingest.mqtt;

import static org.sharpeyes.mqtt.MqttConnections.describe;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.pipeline.InboundMessage;
import org.sharpeyes.ingest.pipeline.IntakeQueues;
import org.sharpeyes.ingest.pipeline.MessageAcknowledger;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.mqtt.MqttConnections;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes at QoS 1 to every edge's events, snapshots and status, and hands each message to the
 * bounded worker queue; the broker gets the PUBACK only when the worker {@linkplain #acknowledge
 * acknowledges} it after storing. The session is persistent (fixed client id, clean session off),
 * so messages published while the server is down wait in the broker.
 *
 * <p>Backpressure: Paho's delivery thread waits at most {@link #enqueueWait} for room in the queue.
 * If the queue stays full, the connection is dropped on purpose (the un-acknowledged messages stay
 * with the broker) and reconnecting waits until the queue has room. Blocking Paho's thread longer
 * would stop it reading PINGRESPs and the connection would be lost anyway, less predictably.
 *
 * <p>{@link #start()} returns at once, connected or not; the subscriber keeps retrying with capped,
 * jittered backoff until {@link #close()}. Thread-safe.
 */
public final class IngestSubscriber implements MessageAcknowledger, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestSubscriber.class);
  private static final String[] FILTERS = {
    Topics.allEvents(), Topics.allSnapshots(), Topics.allStatus()
  };
  private static final int[] QOS = {1, 1, 1};
  private static final int SUBSCRIBE_FAILED = 0x80;

  private final URI url;
  private final MqttConnections connections;
  private final IntakeQueues queue;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final IngestMetrics metrics;
  private final Backoff backoff;
  private final Duration enqueueWait;
  private final Object lock = new Object();
  private final AtomicLong connection = new AtomicLong();
  private MqttAsyncClient client;
  private volatile ConnectionState state = ConnectionState.DISCONNECTED;
  private volatile String lastError;
  private boolean running;
  private int attempt;
  private ScheduledFuture<?> pendingReconnect;

  /**
   * @param url the broker to connect to (for the embedded broker, its actual address)
   * @param credentials read from the environment variables {@code config} names
   * @param scheduler runs reconnect attempts; not shut down by this class
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
    this.queue = queue;
    this.scheduler = scheduler;
    this.clock = clock;
    this.metrics = metrics;
    this.backoff = connections.backoff(random, clock);
    Duration third = config.keepAlive().dividedBy(3);
    this.enqueueWait = third.compareTo(Duration.ofSeconds(5)) < 0 ? third : Duration.ofSeconds(5);
  }

  /** Starts connecting in the background. */
  public void start() throws MqttException {
    synchronized (lock) {
      client = connections.newClient();
      client.setCallback(new Callback());
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

  @Override
  public void acknowledge(InboundMessage message) {
    if (message.connection() != connection.get()) {
      metrics.ackSkipped();
      return;
    }
    try {
      client.messageArrivedComplete(message.messageId(), message.qos());
    } catch (MqttException | RuntimeException e) {
      metrics.ackSkipped();
      LOG.debug("ack of message {} not sent: {}", message.messageId(), e.toString());
    }
  }

  private void connect() {
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
      connection.incrementAndGet(); // acks of the previous connection's messages become void
    }
    try {
      client.connect(connections.options(), null, listener(this::subscribe, "connect"));
    } catch (MqttException | RuntimeException e) {
      failed("connect", e);
    }
  }

  private void subscribe() {
    try {
      client.subscribe(FILTERS, QOS, null, listener(this::subscribed, "subscribe"));
    } catch (MqttException | RuntimeException e) {
      failed("subscribe", e);
    }
  }

  private void subscribed(IMqttToken token) {
    int[] granted = token.getGrantedQos();
    for (int g : granted == null ? new int[0] : granted) {
      if (g == SUBSCRIBE_FAILED) {
        failed("subscribe", new IllegalStateException("the broker refused the subscription"));
        return;
      }
    }
    synchronized (lock) {
      if (!running) {
        // Closed while connecting: let this late connection go (without waiting: Paho thread).
        try {
          client.disconnect(0, null, null);
        } catch (MqttException e) {
          LOG.debug("disconnect after close: {}", e.toString());
        }
        return;
      }
      state = ConnectionState.CONNECTED;
      attempt = 0;
      lastError = null;
    }
    metrics.connectionAttempt("connected");
    LOG.info(
        "subscribed to {} as {} (events, snapshots, status; QoS 1)", url, connections.clientId());
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
      if (client.isConnected()) {
        // Connected but not subscribed: let go without waiting (this may be a Paho thread).
        try {
          client.disconnect(0, null, null);
        } catch (MqttException e) {
          LOG.debug("disconnect after a failed subscribe: {}", e.toString());
        }
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

  private IMqttActionListener listener(
      java.util.function.Consumer<IMqttToken> onSuccess, String what) {
    return new IMqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        onSuccess.accept(token);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable cause) {
        failed(what, cause);
      }
    };
  }

  private IMqttActionListener listener(Runnable onSuccess, String what) {
    return listener(token -> onSuccess.run(), what);
  }

  /** Disconnects and releases the client; un-acknowledged messages stay with the broker. */
  @Override
  public void close() {
    synchronized (lock) {
      running = false;
      if (pendingReconnect != null) {
        pendingReconnect.cancel(false);
        pendingReconnect = null;
      }
      if (client == null) {
        return;
      }
    }
    disconnectQuietly();
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing the MQTT client: {}", e.toString());
    }
    state = ConnectionState.DISCONNECTED;
  }

  private void disconnectQuietly() {
    try {
      if (client.isConnected()) {
        client.disconnect(1000).waitForCompletion(3000);
      }
    } catch (MqttException e) {
      try {
        client.disconnectForcibly(0, 1000, false);
      } catch (MqttException ignored) {
        LOG.debug("forced disconnect failed: {}", ignored.toString());
      }
    }
  }

  private final class Callback implements MqttCallback {

    @Override
    public void connectionLost(Throwable cause) {
      synchronized (lock) {
        if (!running) {
          state = ConnectionState.DISCONNECTED;
          return;
        }
        LOG.warn("lost the connection to {}: {}; reconnecting", url, describe(cause));
        lastError = "connection lost: " + describe(cause);
        state = ConnectionState.DISCONNECTED;
        connection.incrementAndGet();
        attempt = 0;
        scheduleReconnect();
      }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      InboundMessage inbound =
          new InboundMessage(
              topic,
              message.getPayload(),
              message.getId(),
              message.getQos(),
              connection.get(),
              clock.instant());
      if (!queue.offer(inbound, enqueueWait.toMillis(), TimeUnit.MILLISECONDS)) {
        metrics.backpressureDisconnect();
        // Throwing makes Paho drop the connection: the message is not acknowledged and the
        // broker keeps it (and everything after it) for the next connection.
        throw new IllegalStateException(
            "worker queue full for " + enqueueWait.toMillis() + " ms; pausing intake");
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // The server publishes nothing on this connection.
    }
  }
}
