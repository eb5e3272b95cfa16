package org.sharpeyes.edge.adapter.viid;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterLifecycle;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.http.ConnectionLimit;
import org.sharpeyes.edge.http.PushListener;
import org.sharpeyes.edge.http.ResponseCounter;
import org.sharpeyes.edge.telemetry.EdgeMetrics;
import org.sharpeyes.vision.embedding.FaceEmbedders;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter for GA/T 1400 (VIID) capture devices: the edge plays the platform they register with.
 * Listens on {@code viid.host:port}; the devices listed under {@code viid.devices} register with
 * HTTP Digest, keep alive, and push faces and motor vehicles, which become {@code face.*} and
 * {@code vehicle.sighted} events carrying each device's own id. Passwords are read from the
 * environment when the adapter starts; it does not start while one is unset. {@link
 * ConnectionState#CONNECTED} means at least one device is registered; a device silent for {@code
 * keepaliveTimeout} is dropped ("no keepalive for …"). Per-device facts are in the status details.
 */
public final class ViidAdapter implements DeviceAdapter {

  private static final Logger log = LoggerFactory.getLogger(ViidAdapter.class);

  private final DeviceConfig device;
  private final ViidAdapterConfig config;
  private final AdapterContext context;
  private final AdapterLifecycle lifecycle;
  private final AdapterStatusTracker status;
  private final AdapterFaults faults;
  private final ViidRegistry registry;
  private final ViidEventMapper mapper;
  private final ConnectionLimit connections;
  private final ResponseCounter responses;
  private final ViidMetrics metrics;
  private final Supplier<FaceMatcher> watchlist;
  private volatile ViidFaces faces;
  private volatile PushListener server;
  private volatile ScheduledFuture<?> expiry;
  private volatile int boundPort = -1;

  public ViidAdapter(DeviceConfig device, ViidAdapterConfig config, AdapterContext context) {
    this.device = device;
    this.config = config;
    this.context = context;
    this.lifecycle = new AdapterLifecycle(device, context);
    this.status = lifecycle.status();
    this.faults = lifecycle.faults();
    this.registry =
        new ViidRegistry(
            config.devices().stream().map(ViidAdapterConfig.Device::id).toList(),
            config.keepaliveTimeout(),
            context.clock(),
            status,
            faults);
    this.mapper = new ViidEventMapper(context.edgeId(), context.eventIds());
    this.faces = ViidFaces.capturedOnly(mapper);
    String listener = "viid-" + device.id();
    this.responses = new ResponseCounter(context.meters(), listener);
    this.metrics = new ViidMetrics(context.meters(), listener);
    this.connections =
        new ConnectionLimit(
            config.maxConnections(),
            Counter.builder(EdgeMetrics.HTTP_CONNECTIONS_REFUSED)
                .description("Connections closed on arrival because the listener was full")
                .tag("listener", listener)
                .register(context.meters()));
    ViidFaceSettings f = config.faces();
    this.watchlist =
        f == null
            ? () -> null
            : context
                .faceWatchlist()
                .matcher(
                    FaceEmbedders.modelId(f.embedderModel(), f.embedderModelId()),
                    FaceEmbedders.thresholds(f.embedderModel(), f.thresholds()));
  }

  @Override
  public DeviceConfig device() {
    return device;
  }

  @Override
  public synchronized CompletableFuture<Void> start() {
    lifecycle.starting();
    Map<String, String> passwords = new LinkedHashMap<>();
    for (ViidAdapterConfig.Device d : config.devices()) {
      String pw = context.environment().get(d.passwordEnv());
      if (pw == null || pw.isEmpty()) {
        return CompletableFuture.failedFuture(
            lifecycle.startFailed(
                "environment variable "
                    + d.passwordEnv()
                    + " (viid.devices["
                    + d.id()
                    + "].passwordEnv) is not set: set it to the password device "
                    + d.id()
                    + " is configured with before starting",
                null));
      }
      passwords.put(d.id(), pw);
    }
    DigestAuthenticator digest =
        new DigestAuthenticator(
            "sharpeyes-viid-" + device.id(), passwords, config.nonceLifetime(), context.clock());
    ViidPushes pushes =
        new ViidPushes(
            new ViidBodyParser(config.limits(), config.zone()),
            mapper,
            () -> faces,
            context.offers(status, faults, "GA/T 1400 device"),
            faults,
            metrics,
            context.clock());
    ViidHttpHandler handler =
        new ViidHttpHandler(
            device.id(), config, digest, registry, pushes, faults, responses, context.clock());
    server =
        new PushListener(
            config.host(),
            config.port(),
            context.io(),
            new ViidHttpInitializer(config, connections, faults, responses, handler),
            connections);
    CompletableFuture<Void> models = loadFaces();
    return models
        .thenCompose(v -> server.bind())
        .handle(
            (port, error) -> {
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                String message =
                    port == null && cause instanceof IllegalArgumentException
                        ? "face models: " + cause.getMessage()
                        : "cannot listen on "
                            + config.host()
                            + ":"
                            + config.port()
                            + ": "
                            + cause.getMessage();
                throw new CompletionException(lifecycle.startFailed(message, cause));
              }
              started(port);
              return null;
            });
  }

  private CompletableFuture<Void> loadFaces() {
    ViidFaceSettings f = config.faces();
    if (f == null) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return CompletableFuture.supplyAsync(
              () -> ViidFaceAnalysis.load(f, watchlist, mapper, context.blocking()),
              context.blocking())
          .thenAccept(
              loaded -> {
                synchronized (this) {
                  if (lifecycle.isStopping()) {
                    loaded.close();
                  } else {
                    faces = loaded;
                  }
                }
              });
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new IllegalStateException("the agent is stopping", e));
    }
  }

  private void started(int port) {
    boundPort = port;
    String url = "http://" + config.host() + ":" + port;
    status.endpoint(url + "/VIID");
    status.detail("url", url);
    Duration timeout = config.keepaliveTimeout();
    long period = Math.max(100, Math.min(timeout.toMillis() / 4, 10_000));
    expiry =
        context
            .scheduler()
            .scheduleAtFixedRate(registry::expire, period, period, TimeUnit.MILLISECONDS);
    lifecycle.started();
    status.connection(ConnectionState.DISCONNECTED); // until a device registers
    log.info(
        "device {}: GA/T 1400 listener on {} for {} capture device(s)",
        device.label(),
        url,
        config.devices().size());
  }

  @Override
  public synchronized CompletableFuture<Void> stop() {
    if (!lifecycle.stopping()) {
      return CompletableFuture.completedFuture(null);
    }
    ScheduledFuture<?> timer = expiry;
    if (timer != null) {
      timer.cancel(false);
    }
    PushListener s = server;
    CompletableFuture<Void> closed =
        s == null ? CompletableFuture.completedFuture(null) : s.close();
    return closed.whenComplete(
        (v, e) -> {
          faces.close();
          lifecycle.stopped();
          status.connection(ConnectionState.DISCONNECTED);
          log.info("device {}: GA/T 1400 listener closed", device.label());
        });
  }

  @Override
  public AdapterStatus status() {
    return status.snapshot();
  }

  /** The port the listener is bound to (resolves port 0); -1 before a successful start. */
  public int boundPort() {
    return boundPort;
  }

  @Override
  public OptionalInt listenPort() {
    return boundPort < 0 ? OptionalInt.empty() : OptionalInt.of(boundPort);
  }
}
