package org.sharpeyes.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.sharpeyes.edge.adapter.AdapterCatalog;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.FaceWatchlist;
import org.sharpeyes.edge.adapter.builtin.BuiltInAdapters;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.health.DeviceHealthMonitor;
import org.sharpeyes.edge.outbox.DiskOutbox;
import org.sharpeyes.edge.outbox.Outbox;
import org.sharpeyes.edge.publish.MqttEventPublisher;
import org.sharpeyes.edge.publish.PublisherSetup;
import org.sharpeyes.edge.status.AgentStatus;
import org.sharpeyes.edge.status.StatusHttpServer;
import org.sharpeyes.edge.status.StatusSource;
import org.sharpeyes.edge.watchlist.ModelGroup;
import org.sharpeyes.edge.watchlist.ModelGroups;
import org.sharpeyes.edge.watchlist.TemplateCache;
import org.sharpeyes.edge.watchlist.WatchlistSync;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.id.EventIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running edge agent: device adapters, the durable outbox, the MQTT publisher and the status
 * endpoints, wired from an {@link EdgeAgentConfig}. Start it with {@link #start(EdgeAgentConfig,
 * Clock)} or {@link #builder(EdgeAgentConfig)}; {@link #close()} stops adapters first, then the
 * publisher (which drains the outbox for a while, publishes {@code offline} and disconnects), then
 * the outbox (what is left stays on disk for the next start), the listeners and threads.
 */
public final class EdgeAgent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EdgeAgent.class);

  private final EdgeAgentConfig config;
  private final Clock clock;
  private final Duration drainTimeout;
  private final PrometheusMeterRegistry meters;
  private final AgentExecutors threads;
  private final Outbox outbox;
  private final MqttEventPublisher publisher;
  private final StatusHttpServer statusServer;
  private final WatchlistSync watchlist;
  private final DeviceAdapters adapters;
  private final DeviceHealthMonitor health;
  private final AtomicBoolean closed = new AtomicBoolean();
  private int statusPort = -1;

  private EdgeAgent(Builder b, BrokerCredentials credentials, AgentExecutors threads) {
    this.threads = threads;
    this.config = b.config;
    this.clock = b.clock;
    this.drainTimeout = b.drainTimeout;
    this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    meters.config().commonTags("edge", config.edgeId());
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    new UptimeMetrics().bindTo(meters);
    EventCodec codec = new EventCodec();
    this.outbox =
        DiskOutbox.open(config.edgeId(), config.outbox(), codec, clock, threads.outbox(), meters);
    try {
      this.publisher =
          new MqttEventPublisher(
              new PublisherSetup(
                  config.edgeId(), AgentVersion.current(), config.broker(), credentials),
              outbox,
              codec,
              threads.publisher(),
              clock,
              b.random,
              meters);
      this.watchlist = watchlist(config, clock, threads.watchlist(), meters);
      if (watchlist != null) {
        publisher.inbound(watchlist);
      }
      this.statusServer = new StatusHttpServer(config.status(), threads.io(), new Status(), meters);
      AdapterContext context =
          AdapterContext.builder(config.edgeId(), outbox)
              .clock(clock)
              .eventIds(new EventIds(clock, new SecureRandom()))
              .meters(meters)
              .io(threads.io())
              .scheduler(threads.adapters())
              .blocking(threads.adapterWork())
              .environment(b.environment)
              .faceWatchlist(watchlist == null ? FaceWatchlist.NONE : watchlist::matcher)
              .build();
      this.adapters = DeviceAdapters.create(config.devices(), b.adapters, context);
      this.health =
          new DeviceHealthMonitor(
              config.health(),
              config.edgeId(),
              outbox,
              context.eventIds(),
              clock,
              meters,
              adapters::statuses,
              id -> config.device(id).map(DeviceConfig::settings).orElse(null));
    } catch (RuntimeException e) {
      outbox.close();
      throw e;
    }
  }

  /** Starts an agent with the system environment for broker credentials. */
  public static EdgeAgent start(EdgeAgentConfig config, Clock clock) {
    return builder(config).clock(clock).start();
  }

  public static Builder builder(EdgeAgentConfig config) {
    return new Builder(config);
  }

  /** The watchlist of the agent's cameras, kept next to the outbox; null when it has no camera. */
  private static WatchlistSync watchlist(
      EdgeAgentConfig config,
      Clock clock,
      ScheduledExecutorService executor,
      MeterRegistry meters) {
    List<ModelGroup> groups = ModelGroups.of(config.devices());
    if (groups.isEmpty()) {
      return null;
    }
    Path dir = config.outbox().path().toAbsolutePath().resolveSibling("watchlist");
    return new WatchlistSync(
        config.edgeId(), groups, new TemplateCache(dir), clock, executor, meters);
  }

  private void startAll() {
    if (watchlist != null) {
      watchlist.start();
    }
    publisher.start();
    statusPort = statusServer.start();
    log.info("status endpoints on http://{}:{}/status", config.status().host(), statusPort);
    adapters.startAll();
    health.start(threads.adapters());
    log.info(
        "edge agent {} {} started: {} devices, broker {}",
        config.edgeId(),
        AgentVersion.current(),
        adapters.size(),
        config.broker().serverUri());
  }

  /** The bound port of the status endpoints (resolves port 0). */
  public int statusPort() {
    return statusPort;
  }

  /**
   * The port a device's adapter listens on (resolves port 0).
   *
   * @throws IllegalArgumentException for an unknown device or one whose adapter does not listen
   */
  public int devicePort(String deviceId) {
    DeviceAdapter adapter = adapters.get(deviceId);
    if (adapter == null) {
      throw new IllegalArgumentException("no device " + deviceId + " in this agent");
    }
    return adapter
        .listenPort()
        .orElseThrow(
            () ->
                new IllegalArgumentException("device " + deviceId + " does not listen on a port"));
  }

  /** Whether the publisher is connected to the broker right now. */
  public boolean isConnected() {
    return publisher.isConnected();
  }

  /** The same snapshot {@code GET /status} returns. */
  public AgentStatus status() {
    return new Status().status();
  }

  public EdgeAgentConfig config() {
    return config;
  }

  /** The agent's meter registry, as scraped on {@code /metrics}. */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** Stops everything and releases every port and thread; blocks. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("edge agent {} stopping", config.edgeId());
    health.close();
    adapters.stopAll();
    outbox.refuseOffers();
    publisher.close(drainTimeout);
    outbox.close();
    statusServer.close();
    if (watchlist != null) {
      watchlist.close();
    }
    threads.close();
    meters.close();
    log.info("edge agent {} stopped", config.edgeId());
  }

  private final class Status implements StatusSource {
    @Override
    public AgentStatus status() {
      return new AgentStatus(
          config.edgeId(),
          AgentVersion.current(),
          clock.instant(),
          publisher.status(),
          outbox.status(),
          watchlist == null ? null : watchlist.status(),
          adapters.statuses(),
          health.availability());
    }

    @Override
    public String scrapeMetrics() {
      return meters.scrape();
    }
  }

  /** Options for starting an agent; every one has a default. */
  public static final class Builder {
    private final EdgeAgentConfig config;
    private Clock clock = Clock.systemUTC();
    private Map<String, String> environment = System.getenv();
    private RandomGenerator random = new SecureRandom();
    private Duration drainTimeout = MqttEventPublisher.DEFAULT_DRAIN_TIMEOUT;
    private AdapterCatalog adapters = BuiltInAdapters.CATALOG;

    private Builder(EdgeAgentConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The clock for event times, ids, latencies and status; default the UTC system clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /** Where broker and gate credentials are looked up; default the process environment. */
    public Builder environment(Map<String, String> value) {
      this.environment = Map.copyOf(value);
      return this;
    }

    /** The source of reconnect jitter; default a {@link SecureRandom}. */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value);
      return this;
    }

    /** How long {@link EdgeAgent#close()} waits for the outbox to drain to the broker. */
    public Builder drainTimeout(Duration value) {
      this.drainTimeout = Objects.requireNonNull(value);
      return this;
    }

    /** The adapters by device kind; default {@link BuiltInAdapters#CATALOG}. */
    public Builder adapters(AdapterCatalog value) {
      this.adapters = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Starts the agent: connects in the background (a broker that is down is not a start failure),
     * binds the status port and every device listener.
     *
     * @throws EdgeAgentStartException naming what could not start (credentials missing, a port
     *     taken); everything already started is released
     */
    public EdgeAgent start() {
      BrokerCredentials credentials;
      try {
        credentials = BrokerCredentials.resolve(config.broker(), environment, "broker");
      } catch (IllegalStateException e) {
        throw new EdgeAgentStartException(e.getMessage(), e);
      }
      AgentExecutors threads = AgentExecutors.create();
      EdgeAgent agent;
      try {
        agent = new EdgeAgent(this, credentials, threads);
      } catch (RuntimeException e) {
        threads.close();
        throw new EdgeAgentStartException(e.getMessage(), e);
      }
      try {
        agent.startAll();
        return agent;
      } catch (RuntimeException e) {
        agent.close();
        throw e instanceof EdgeAgentStartException s
            ? s
            : new EdgeAgentStartException(e.getMessage(), e);
      }
    }
  }
}
