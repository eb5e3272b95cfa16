package org.sharpeyes.ingest;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.sharpeyes.ingest.broker.BrokerGuard;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.edge.EdgePresence;
import org.sharpeyes.ingest.edge.EdgeSequences;
import org.sharpeyes.ingest.edgeaccount.EdgeAccounts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.mqtt.ConnectionState;
import org.sharpeyes.ingest.mqtt.IngestSubscriber;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ingest-server: embedded broker (optional), store, ingest pipeline, extensions and the
 * HTTP listener, wired together by {@link ServerParts}. {@link #start} returns once everything
 * listens; the MQTT subscription connects in the background and keeps retrying. {@link #close()}
 * stops it all in reverse order; messages not yet stored stay with the broker.
 */
public final class IngestServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

  private final IngestServerConfig config;
  private final PrometheusMeterRegistry registry;
  private final Deque<AutoCloseable> resources;
  private final Database database;
  private final URI brokerUrl;
  private final URI brokerTlsUrl;
  private final IngestHttpServer http;
  private final IngestSubscriber subscriber;
  private final ServerParts parts;
  private final EdgePresence edges;
  private final EdgeSequences sequences;
  private final Snapshots snapshots;
  private final BlockingDispatch dispatch;
  private final EdgeAccounts edgeAccounts;
  private final BrokerGuard brokerGuard;
  private boolean closed;

  private IngestServer(ServerParts p) {
    this.config = p.config;
    this.registry = p.registry;
    this.resources = p.resources;
    this.database = p.database;
    this.brokerUrl = p.brokerUrl;
    this.brokerTlsUrl = p.brokerTlsUrl;
    this.http = p.http;
    this.subscriber = p.subscriber;
    this.parts = p;
    this.edges = p.edges;
    this.sequences = p.sequences;
    this.snapshots = p.snapshots;
    this.dispatch = p.dispatch;
    this.edgeAccounts = p.edgeAccounts;
    this.brokerGuard = p.brokerGuard;
  }

  /** The edges' broker accounts (blocking: database). */
  public EdgeAccounts edgeAccounts() {
    return edgeAccounts;
  }

  /** The embedded broker's security, or {@code null} when it is off or not embedded. */
  public BrokerGuard brokerGuard() {
    return brokerGuard;
  }

  /** Starts a server without extensions. */
  public static IngestServer start(IngestServerConfig config, Clock clock) {
    return start(config, clock, List.of());
  }

  /**
   * Starts a server.
   *
   * @param extensions created in order once the store is ready
   * @throws IngestStartException naming the part that failed and why; whatever had started is
   *     stopped again
   */
  public static IngestServer start(
      IngestServerConfig config, Clock clock, List<IngestExtension.Factory> extensions) {
    ServerParts p = new ServerParts(config);
    try {
      p.startCore(clock);
      p.startExtensions(clock, extensions);
      p.startPipeline(clock);
      p.startListeners(clock);
    } catch (RuntimeException e) {
      closeAll(p.resources);
      throw e instanceof IngestStartException ise ? ise : new IngestStartException(p.step, e);
    }
    IngestServer server = new IngestServer(p);
    LOG.info(server.readyLine());
    return server;
  }

  /** The one line an operator needs: where the API, the broker and the store are. */
  public String readyLine() {
    String host = config.http().host();
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    return "ingest-server ready: "
        + config.http().scheme()
        + "://"
        + shown
        + ":"
        + httpPort()
        + " (API, live feed /api/alerts/stream), MQTT "
        + brokerUrl
        + (brokerTlsUrl == null ? "" : " and " + brokerTlsUrl)
        + ", store "
        + Database.redacted(config.store().jdbcUrl());
  }

  public int httpPort() {
    return http.port();
  }

  /** The HTTP route paths served, as Vert.x writes them (for the OpenAPI contract test). */
  public List<String> routePaths() {
    return http.routePaths();
  }

  /** The broker the server subscribes to (the embedded one's actual address when embedded). */
  public String brokerUrl() {
    return brokerUrl.toString();
  }

  /**
   * Where a client on this machine reaches the embedded broker's MQTT-over-TLS listener ({@code
   * broker.embedded.tls}); empty without one.
   */
  public Optional<URI> brokerTlsUrl() {
    return Optional.ofNullable(brokerTlsUrl);
  }

  public boolean brokerConnected() {
    return subscriber.state() == ConnectionState.CONNECTED;
  }

  public DataSource dataSource() {
    return database.dataSource();
  }

  /** The registry {@code /metrics} serves. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public EdgePresence edges() {
    return edges;
  }

  /** Every edge's seq: highest stored, gaps, epochs. */
  public EdgeSequences sequences() {
    return sequences;
  }

  /** The snapshots received: recent ones in memory, the rest on disk within retention. */
  public Snapshots snapshots() {
    return snapshots;
  }

  public IngestServerConfig config() {
    return config;
  }

  /** The one dispatch every blocking HTTP route runs through. */
  BlockingDispatch dispatch() {
    return dispatch;
  }

  /** Whether every ingest worker's last write reached the store. */
  public boolean storeWriting() {
    return parts.storeWriting();
  }

  /** Stops everything, newest first. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("ingest-server stopping");
    closeAll(resources);
    LOG.info("ingest-server stopped");
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("error while stopping: {}", e.toString());
      }
    }
  }
}
