package org.sharpeyes.ingest.watchlist;

import static org.sharpeyes.mqtt.MqttConnections.describe;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.sharpeyes.mqtt.MqttConnections;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.sync.WatchlistManifest;
import org.sharpeyes.schema.sync.WatchlistManifestCodec;
import org.sharpeyes.schema.topic.TopicAddress;
import org.sharpeyes.schema.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the watchlist to the edges as retained messages, on a connection of its own: each photo
 * once at {@code sharpeyes/v1/watchlist/photos/{sha256}}, then the manifest at {@code
 * sharpeyes/v1/edge/{edgeId}/sync/watchlist} for every edge the server knows (from the devices
 * file, and every edge whose retained status it sees). Photos no longer enrolled are cleared. After
 * a reconnect everything is sent again: retained messages are idempotent. A lost connection, or one
 * that cannot be made, is tried again after the configured {@code broker.reconnect} backoff.
 *
 * <p>All work runs on the injected single-threaded executor.
 */
final class WatchlistPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WatchlistPublisher.class);
  private static final long PUBLISH_TIMEOUT_MS = 30_000;
  private static final long CONNECT_WAIT_MS = 15_000;
  private static final long RETRY_SEND_MS = 5_000;

  /** The publisher's client id is {@code broker.clientId} with this: a connection of its own. */
  static final String CLIENT_ID_SUFFIX = "-watchlist";

  private final MqttConnections connections;
  private final Backoff backoff;
  private final Watchlist watchlist;
  private final ScheduledExecutorService executor;
  private final int maxEdges;
  private final WatchlistManifestCodec codec = new WatchlistManifestCodec();

  // Confined to the executor.
  private final Set<String> edges = new LinkedHashSet<>();
  private final Map<String, Long> sentToEdge = new LinkedHashMap<>();
  private final Set<String> photosSent = new HashSet<>();
  private final Set<String> photosToClear = new LinkedHashSet<>();
  private MqttAsyncClient client;
  private volatile Map<String, Long> sentSnapshot = Map.of();
  private volatile String lastError;
  private volatile boolean closed;

  /**
   * @param connections how to reach the broker: a clean session of its own, {@link
   *     #CLIENT_ID_SUFFIX}
   * @param backoff between connection attempts, with the bounds of {@code broker.reconnect}
   */
  WatchlistPublisher(
      MqttConnections connections,
      Backoff backoff,
      Watchlist watchlist,
      List<String> knownEdges,
      int maxEdges,
      ScheduledExecutorService executor) {
    this.connections = connections;
    this.backoff = backoff;
    this.watchlist = watchlist;
    this.executor = executor;
    this.maxEdges = maxEdges;
    this.edges.addAll(knownEdges);
  }

  void start() {
    hop(this::connect);
  }

  /** A new version: send what changed. */
  void changed() {
    hop(this::sendAll);
  }

  /**
   * Ids of the edges the watchlist has been sent to, with the version each was last sent, as of the
   * end of the last sending; never waits for the publisher's thread.
   */
  Map<String, Long> edges() {
    return sentSnapshot;
  }

  String lastError() {
    return lastError;
  }

  boolean connected() {
    MqttAsyncClient c = client;
    return c != null && c.isConnected();
  }

  private void connect() {
    if (closed) {
      return;
    }
    try {
      if (client == null) {
        client = connections.newClient();
        client.setCallback(new Callback());
      }
      client.connect(connections.options()).waitForCompletion(CONNECT_WAIT_MS);
      lastError = null;
    } catch (MqttException | RuntimeException e) {
      if (stoppedWhileWaiting(e)) {
        return;
      }
      lastError = "cannot connect to " + connections.serverUri() + ": " + describe(e);
      reconnectLater();
    }
  }

  private void reconnectLater() {
    long delay = backoff.failed().toMillis();
    log.debug("{}; next attempt in {} ms", lastError, delay);
    schedule(this::connect, delay);
  }

  private void onConnected() {
    backoff.succeeded();
    photosSent.clear();
    forgetSent();
    try {
      client.subscribe(Topics.allStatus(), 1);
    } catch (MqttException e) {
      lastError = "cannot subscribe to edge status: " + describe(e);
      log.warn(lastError);
    }
    sendAll();
  }

  private void reconnectAfterLoss() {
    if (!closed) {
      reconnectLater();
    }
  }

  private void onEdgeSeen(String edgeId) {
    if (!edges.contains(edgeId) && edges.size() >= maxEdges) {
      return;
    }
    edges.add(edgeId);
    if (connected()
        && !Long.valueOf(watchlist.current().version()).equals(sentToEdge.get(edgeId))) {
      sendAll();
    }
  }

  private void sendAll() {
    if (!connected()) {
      return;
    }
    WatchlistManifest m = watchlist.current();
    try {
      List<IMqttDeliveryToken> pending = new ArrayList<>();
      Set<String> now = new HashSet<>(m.photoDigests());
      for (String sha : m.photoDigests()) {
        if (photosSent.add(sha)) {
          byte[] jpeg = watchlist.jpeg(sha).orElse(null);
          if (jpeg == null) {
            photosSent.remove(sha); // removed since the manifest was made; a newer one follows
            continue;
          }
          send(Topics.watchlistPhoto(sha), jpeg, pending);
        }
      }
      for (String sha : List.copyOf(photosSent)) {
        if (!now.contains(sha)) {
          photosSent.remove(sha);
          photosToClear.add(sha);
        }
      }
      for (String sha : List.copyOf(photosToClear)) {
        send(Topics.watchlistPhoto(sha), new byte[0], pending);
        photosToClear.remove(sha);
      }
      byte[] manifest = codec.encode(m);
      for (String edge : edges) {
        if (!Long.valueOf(m.version()).equals(sentToEdge.get(edge))) {
          send(Topics.sync(edge, Topics.WATCHLIST), manifest, pending);
          sentToEdge.put(edge, m.version());
        }
      }
      waitFor(pending);
      sentSnapshot = Map.copyOf(sentToEdge);
      lastError = null;
    } catch (MqttException | SQLException | RuntimeException e) {
      photosSent.clear();
      forgetSent();
      if (stoppedWhileWaiting(e)) {
        return;
      }
      lastError = "cannot publish watchlist version " + m.version() + ": " + describe(e);
      log.warn(lastError);
      schedule(this::sendAll, RETRY_SEND_MS);
    }
  }

  private void forgetSent() {
    sentToEdge.clear();
    sentSnapshot = Map.of();
  }

  /**
   * Whether {@code e} is Paho's report of this thread being interrupted while it waited (the server
   * is stopping its threads): then the interrupt is restored for the executor to see, and nothing
   * is retried.
   */
  private static boolean stoppedWhileWaiting(Exception e) {
    if (e instanceof MqttException && e.getCause() instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return true;
    }
    return false;
  }

  private void send(String topic, byte[] payload, List<IMqttDeliveryToken> pending)
      throws MqttException {
    if (pending.size() >= connections.broker().maxInFlight()) {
      waitFor(pending);
    }
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    message.setRetained(true);
    pending.add(client.publish(topic, message));
  }

  private static void waitFor(List<IMqttDeliveryToken> pending) throws MqttException {
    for (IMqttDeliveryToken t : pending) {
      t.waitForCompletion(PUBLISH_TIMEOUT_MS);
    }
    pending.clear();
  }

  private void hop(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("watchlist publisher stopped");
    }
  }

  private void schedule(Runnable task, long delayMs) {
    try {
      executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("watchlist publisher stopped");
    }
  }

  @Override
  public void close() {
    closed = true;
    MqttAsyncClient c = client;
    if (c != null) {
      try {
        if (c.isConnected()) {
          c.disconnect(1000).waitForCompletion(3000);
        }
        c.close(true);
      } catch (MqttException e) {
        log.debug("unclean close of the watchlist connection: {}", e.getMessage());
      }
    }
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      log.info("watchlist publisher connected to {}", serverUri);
      hop(WatchlistPublisher.this::onConnected);
    }

    @Override
    public void connectionLost(Throwable cause) {
      lastError = "connection to " + connections.serverUri() + " lost: " + describe(cause);
      hop(WatchlistPublisher.this::reconnectAfterLoss);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (Topics.parse(topic).orElse(null) instanceof TopicAddress.Status status) {
        hop(() -> onEdgeSeen(status.edgeId()));
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }
}
