package org.sharpeyes.edge.publish;

import static org.sharpeyes.mqtt.MqttConnections.describe;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.sharpeyes.edge.telemetry.LogThrottle;
import org.sharpeyes.mqtt.MqttConnections;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.topic.EdgeStatusMessage;
import org.sharpeyes.schema.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the broker as an explicit state machine: {@code DISCONNECTED → CONNECTING →
 * CONNECTED}, back to {@code DISCONNECTED} on a failure or a lost connection with the next attempt
 * scheduled by the {@link Backoff}, and {@code STOPPED} at the end. Publishes the retained {@code
 * online} status on connect and registers {@code offline} as the last will.
 *
 * <p>Confined to the publisher's single-threaded executor, except {@link #status()}, {@link
 * #state()} and {@link #disconnect}; Paho's callbacks hop onto the executor.
 */
final class BrokerSession {

  private static final Logger log = LoggerFactory.getLogger(BrokerSession.class);

  static final long STATUS_PUBLISH_TIMEOUT_MS = 2000;
  static final long DISCONNECT_QUIESCE_MS = 1000;

  /** What the session tells its owner, always on the executor. */
  interface Listener {
    void connected();

    void lost();
  }

  private final PublisherSetup setup;
  private final EventCodec codec;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Backoff backoff;
  private final PublisherMetrics metrics;
  private final MqttConnections connections;
  private final LogThrottle throttle;
  private final Listener listener;

  private volatile Inbound inbound = Inbound.NONE;
  private MqttAsyncClient client;
  private long connectAttempt;
  private int failures;
  private ScheduledFuture<?> pendingReconnect;
  private boolean closing;

  private volatile PublisherState state = PublisherState.DISCONNECTED;
  private volatile Instant stateSince;
  private volatile String lastError;

  BrokerSession(
      PublisherSetup setup,
      EventCodec codec,
      ScheduledExecutorService executor,
      Clock clock,
      RandomGenerator random,
      PublisherMetrics metrics,
      Listener listener) {
    this.setup = setup;
    this.codec = codec;
    this.executor = executor;
    this.clock = clock;
    this.metrics = metrics;
    this.listener = listener;
    this.throttle = new LogThrottle(clock, Duration.ofMinutes(1));
    this.stateSince = clock.instant();
    // The outbox, not the broker session, keeps unacknowledged events across connections.
    this.connections =
        MqttConnections.of(
            setup.broker(),
            setup.credentials(),
            MqttConnections.Use.cleanSession()
                .withWill(
                    Topics.status(setup.edgeId()),
                    () -> statusJson(EdgeStatusMessage.State.OFFLINE)));
    this.backoff = connections.backoff(random, clock);
  }

  PublisherState state() {
    return state;
  }

  PublisherStatus status() {
    return new PublisherStatus(
        setup.broker().serverUri(), state, stateSince, lastError, metrics.reconnects());
  }

  /** Who takes the messages of the topics subscribed to; set before {@link #open()}. */
  void inbound(Inbound value) {
    this.inbound = value;
  }

  /** Starts the first connection attempt. */
  void open() {
    hop(this::connect);
  }

  /** Publishes at QoS 1, not retained; the listener hears the PUBACK. */
  void publish(String topic, byte[] payload, Object context, IMqttActionListener onAck)
      throws MqttException {
    client.publish(topic, payload, 1, false, context, onAck);
  }

  /** Records a publish problem so that the status page shows it. */
  void recordError(String message) {
    lastError = message;
  }

  private void connect() {
    pendingReconnect = null;
    if (closing) {
      return;
    }
    if (client != null && client.isConnected()) {
      // An earlier attempt succeeded after this session had given up on it: take that connection
      // (connecting again would fail with "Client is connected", for ever).
      if (state != PublisherState.CONNECTED) {
        onConnected(++connectAttempt);
      }
      return;
    }
    setState(PublisherState.CONNECTING);
    long attempt = ++connectAttempt;
    try {
      if (client == null) {
        client = connections.newClient();
        client.setCallback(new ConnectionCallback());
      }
      client.connect(
          connections.options(),
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              hop(() -> onConnected(attempt));
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              hop(() -> onConnectFailed(attempt, e));
            }
          });
    } catch (MqttException | RuntimeException e) {
      onConnectFailed(attempt, e);
    }
  }

  private void onConnected(long attempt) {
    if (attempt != connectAttempt || closing) {
      return;
    }
    failures = 0;
    setState(PublisherState.CONNECTED);
    log.info("connected to broker {} as {}", setup.broker().serverUri(), setup.broker().clientId());
    try {
      client.publish(
          Topics.status(setup.edgeId()), statusJson(EdgeStatusMessage.State.ONLINE), 1, true);
    } catch (MqttException e) {
      lastError = "cannot publish the online status: " + describe(e);
      log.warn(lastError);
    }
    listener.connected();
    inbound.connected(new Subscriptions(client));
  }

  private void onConnectFailed(long attempt, Throwable e) {
    if (attempt != connectAttempt || closing) {
      return;
    }
    lastError = "cannot connect to " + setup.broker().serverUri() + ": " + describe(e);
    throttle
        .permit("connect")
        .ifPresent(held -> log.warn("{}{}", lastError, LogThrottle.heldBack(held)));
    scheduleReconnect();
  }

  private void onConnectionLost(Throwable cause) {
    inbound.lost();
    if (closing) {
      setState(PublisherState.DISCONNECTED);
      listener.lost();
      return;
    }
    lastError = "connection to " + setup.broker().serverUri() + " lost: " + describe(cause);
    log.warn(lastError);
    setState(PublisherState.DISCONNECTED);
    listener.lost();
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (pendingReconnect != null && !pendingReconnect.isDone()) {
      return; // one attempt at a time
    }
    setState(PublisherState.DISCONNECTED);
    Duration delay = backoff.delayAfter(failures);
    failures++;
    metrics.reconnecting();
    log.debug("next attempt to reach {} in {} ms", setup.broker().serverUri(), delay.toMillis());
    try {
      pendingReconnect = executor.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("executor stopped; not reconnecting");
    }
  }

  /** Stops reconnecting; the current connection, if any, stays up for draining. */
  void beginClose() {
    closing = true;
    if (pendingReconnect != null) {
      pendingReconnect.cancel(false);
    }
  }

  /** Publishes the retained {@code offline} status when connected; the token, or null. */
  IMqttDeliveryToken publishOffline() throws MqttException {
    if (state != PublisherState.CONNECTED) {
      return null;
    }
    MqttMessage m = new MqttMessage(statusJson(EdgeStatusMessage.State.OFFLINE));
    m.setQos(1);
    m.setRetained(true);
    return client.publish(Topics.status(setup.edgeId()), m);
  }

  MqttAsyncClient client() {
    return client;
  }

  /**
   * Waits for the offline status, disconnects cleanly and releases the client. Blocking; called on
   * the closing thread after {@link #beginClose()}, when the executor no longer touches the client.
   */
  void disconnect(MqttAsyncClient c, IMqttDeliveryToken offline) {
    if (c != null) {
      try {
        if (offline != null) {
          offline.waitForCompletion(STATUS_PUBLISH_TIMEOUT_MS);
        }
        if (c.isConnected()) {
          c.disconnect(DISCONNECT_QUIESCE_MS).waitForCompletion(DISCONNECT_QUIESCE_MS * 2);
        }
        c.close(true);
        log.info("disconnected from broker {}", setup.broker().serverUri());
      } catch (MqttException e) {
        log.warn("unclean disconnect from {}: {}", setup.broker().serverUri(), describe(e));
        try {
          c.disconnectForcibly(0, DISCONNECT_QUIESCE_MS, false);
          c.close(true);
        } catch (MqttException again) {
          log.debug("forced close failed too", again);
        }
      }
    }
    setState(PublisherState.STOPPED);
  }

  void hop(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("executor stopped; dropping a publisher callback");
    }
  }

  private byte[] statusJson(EdgeStatusMessage.State s) {
    try {
      return codec
          .mapper()
          .writeValueAsBytes(
              new EdgeStatusMessage(setup.edgeId(), s, clock.instant(), setup.agentVersion()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the status message", e);
    }
  }

  private void setState(PublisherState next) {
    if (state != next) {
      state = next;
      stateSince = clock.instant();
    }
  }

  /** Subscriptions on one connection: they end with it. */
  private final class Subscriptions implements Inbound.Subscriber {
    private final MqttAsyncClient connection;

    Subscriptions(MqttAsyncClient connection) {
      this.connection = connection;
    }

    @Override
    public void subscribe(List<String> topicFilters) {
      if (topicFilters.isEmpty() || !connection.isConnected()) {
        return;
      }
      int[] qos = new int[topicFilters.size()];
      java.util.Arrays.fill(qos, 1);
      try {
        connection.subscribe(topicFilters.toArray(String[]::new), qos);
      } catch (MqttException | RuntimeException e) {
        lastError = "cannot subscribe to " + topicFilters.get(0) + "…: " + describe(e);
        log.warn(lastError);
      }
    }

    @Override
    public void unsubscribe(List<String> topicFilters) {
      if (topicFilters.isEmpty() || !connection.isConnected()) {
        return;
      }
      try {
        connection.unsubscribe(topicFilters.toArray(String[]::new));
      } catch (MqttException | RuntimeException e) {
        log.debug("cannot unsubscribe from {}: {}", topicFilters.get(0), describe(e));
      }
    }
  }

  private final class ConnectionCallback implements MqttCallback {
    @Override
    public void connectionLost(Throwable cause) {
      hop(() -> onConnectionLost(cause));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      try {
        inbound.arrived(topic, message.getPayload());
      } catch (RuntimeException e) {
        // Never let a bad message take the connection down with it.
        log.warn("message on {} not taken: {}", topic, describe(e));
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // Acknowledgements are handled per message through action listeners.
    }
  }
}
