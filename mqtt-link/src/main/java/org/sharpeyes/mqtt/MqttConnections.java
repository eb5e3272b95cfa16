package org.sharpeyes.mqtt;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.sharpeyes.runtime.Backoff;

/**
 * How every MQTT client of ours connects with Paho — the edge's publisher (which also carries its
 * watchlist subscriptions), the server's subscriber, the server's watchlist publisher and any
 * publisher added later: one {@link BrokerSettings} and its {@link BrokerCredentials}, plus the few
 * things that differ per {@link Use}. For each client, make one instance; it makes the client once
 * ({@link #newClient()}) and the options for each connection attempt ({@link #options()}).
 *
 * <p>Every connection is MQTT 3.1.1 with Paho's automatic reconnect off: the owner reconnects
 * itself, after the delays of {@link #backoff} (capped exponential, full jitter, {@code
 * broker.reconnect.*}), because only the owner knows when reconnecting makes sense (the server's
 * subscriber waits for room in its queue first). Keep-alive is {@code broker.keepAlive}; an attempt
 * gives up after {@value #CONNECT_TIMEOUT_SECONDS} s. Paho's own window of unacknowledged publishes
 * is {@link #inFlightWindow} — wider than {@code broker.maxInFlight}, which the owners enforce
 * themselves. For an {@code ssl://} broker with {@code broker.tls.caFile}, the broker is verified
 * against that CA (read here once, not at every attempt) and its host name is checked; for {@code
 * tcp://} there is no TLS. Client state is held in memory only: what must survive a restart is kept
 * by the owner (the edge's outbox) or by the broker (the server's persistent session).
 *
 * <p>Immutable and thread-safe.
 */
public final class MqttConnections {

  /** How long one connection attempt may take before it counts as failed. */
  public static final int CONNECT_TIMEOUT_SECONDS = 10;

  /** What the broker keeps of a client between its connections. */
  public enum Session {
    /**
     * Nothing: subscriptions are made again after every connect, and messages published while the
     * client was away are not kept for it (retained ones arrive again on subscribing).
     */
    CLEAN,
    /**
     * Subscriptions and every QoS 1 message published while the client is away, under its fixed
     * client id, until it comes back.
     */
    PERSISTENT
  }

  /**
   * The message the broker publishes for a client that goes away without disconnecting: always QoS
   * 1 and retained.
   *
   * @param topic where
   * @param payload made at each connection attempt (so that a time in it is that attempt's)
   */
  public record Will(String topic, Supplier<byte[]> payload) {
    public Will {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(payload, "payload");
    }
  }

  /**
   * What differs between our clients.
   *
   * @param clientIdSuffix appended to {@code broker.clientId}, so that a second connection of the
   *     same program has an id of its own (e.g. {@code -watchlist}); empty for none
   * @param session what the broker keeps between connections
   * @param manualAcks whether the owner acknowledges each received QoS 1 message itself ({@link
   *     MqttAsyncClient#messageArrivedComplete}) once it has kept it, instead of Paho on return
   *     from {@code messageArrived}
   * @param will the last will, or {@code null} for none
   */
  public record Use(String clientIdSuffix, Session session, boolean manualAcks, Will will) {

    private static final Pattern SUFFIX = Pattern.compile("[\\x21-\\x7e]{0,32}");

    public Use {
      Objects.requireNonNull(clientIdSuffix, "clientIdSuffix");
      Objects.requireNonNull(session, "session");
      if (!SUFFIX.matcher(clientIdSuffix).matches()) {
        throw new IllegalArgumentException(
            "client id suffix '"
                + clientIdSuffix
                + "' must be 0..32 visible ASCII characters, no spaces");
      }
    }

    /** A clean session, Paho's acknowledgements, no will, the configured client id. */
    public static Use cleanSession() {
      return new Use("", Session.CLEAN, false, null);
    }

    /**
     * A persistent session whose messages the owner acknowledges once it has kept them: nothing
     * published while it is away, or received and not yet kept, is lost.
     */
    public static Use persistentIntake() {
      return new Use("", Session.PERSISTENT, true, null);
    }

    public Use withWill(String topic, Supplier<byte[]> payload) {
      return new Use(clientIdSuffix, session, manualAcks, new Will(topic, payload));
    }

    public Use withClientIdSuffix(String suffix) {
      return new Use(suffix, session, manualAcks, will);
    }
  }

  private final BrokerSettings broker;
  private final BrokerCredentials credentials;
  private final Use use;
  private final SocketFactory socketFactory;

  private MqttConnections(BrokerSettings broker, BrokerCredentials credentials, Use use) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.use = Objects.requireNonNull(use, "use");
    this.socketFactory =
        broker.tls() == null ? null : PemTrust.socketFactory(broker.tls().caFile());
  }

  /**
   * The connections of one client.
   *
   * @param broker where and how; for the server's embedded broker, settings whose {@code url} is
   *     its actual address ({@link BrokerSettings#withUrl})
   * @param credentials read from the environment, or {@link BrokerCredentials#ANONYMOUS}
   * @throws IllegalStateException when the CA file of {@code broker.tls} cannot be used
   */
  public static MqttConnections of(BrokerSettings broker, BrokerCredentials credentials, Use use) {
    return new MqttConnections(broker, credentials, use);
  }

  /** The broker as Paho writes it: {@code tcp://host:port} or {@code ssl://host:port}. */
  public String serverUri() {
    return broker.serverUri();
  }

  /** {@code broker.clientId} with the use's suffix. */
  public String clientId() {
    return broker.clientId() + use.clientIdSuffix();
  }

  public BrokerSettings broker() {
    return broker;
  }

  public Use use() {
    return use;
  }

  /**
   * A new client, not connected, with manual acknowledgements if the use asks for them. The caller
   * sets its callback, connects it with {@link #options()} and closes it.
   */
  public MqttAsyncClient newClient() throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(serverUri(), clientId(), new MemoryPersistence());
    client.setManualAcks(use.manualAcks());
    return client;
  }

  /** The options of one connection attempt (the will's payload made now). */
  public MqttConnectOptions options() {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(use.session() == Session.CLEAN);
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval((int) broker.keepAlive().toSeconds());
    o.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
    o.setMaxInflight(inFlightWindow(broker));
    if (use.will() != null) {
      o.setWill(use.will().topic(), use.will().payload().get(), 1, true);
    }
    if (credentials.username() != null) {
      o.setUserName(credentials.username());
      if (credentials.password() != null) {
        o.setPassword(credentials.password());
      }
    }
    if (socketFactory != null) {
      o.setSocketFactory(socketFactory);
    }
    o.setHttpsHostnameVerificationEnabled(true);
    return o;
  }

  /**
   * The delays between this client's connection attempts: {@code broker.reconnect.*}, full jitter.
   */
  public Backoff backoff(RandomGenerator random, Clock clock) {
    return new Backoff(broker.reconnect(), random, clock);
  }

  /**
   * Paho's window of QoS 1 publishes not yet acknowledged: {@code 2 × broker.maxInFlight + 4}, at
   * most 65 535. Our clients bound what they send unacknowledged to {@code broker.maxInFlight}
   * units themselves; one unit may take two messages (the edge's snapshot and its event) and a few
   * status messages come on top, so Paho never refuses what our own bound allows.
   */
  public static int inFlightWindow(BrokerSettings broker) {
    return Math.min(BrokerSettings.MAX_IN_FLIGHT_LIMIT, 2 * broker.maxInFlight() + 4);
  }

  /**
   * Why a Paho operation failed, in words for a log line or a status page: the exception's message
   * and, when it has a cause, the root cause's.
   */
  public static String describe(Throwable e) {
    if (e == null) {
      return "unknown cause";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e) {
      message +=
          " ("
              + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage())
              + ")";
    }
    return message;
  }
}
