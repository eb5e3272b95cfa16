package org.sharpeyes.edge.adapter.plate;

import io.micrometer.core.instrument.Counter;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterLifecycle;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.http.ConnectionLimit;
import org.sharpeyes.edge.http.PushAuthenticator;
import org.sharpeyes.edge.http.PushListener;
import org.sharpeyes.edge.http.ResponseCounter;
import org.sharpeyes.edge.telemetry.EdgeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter for a plate reader that pushes its reads over HTTP: listens on {@code
 * plateHttp.host:port} and turns each POST to {@code plateHttp.path} into a {@code vehicle.sighted}
 * event. The device connects to us, so starting does not depend on it; {@link
 * ConnectionState#CONNECTED} means it has reached the listener since start (with the credentials
 * asked for, when {@code plateHttp.auth} asks for some: those are read from the environment when
 * the adapter is made, and it does not start while one is unset).
 */
public final class PlateReaderAdapter implements DeviceAdapter {

  private static final Logger log = LoggerFactory.getLogger(PlateReaderAdapter.class);

  private final DeviceConfig device;
  private final PlateReaderAdapterConfig config;
  private final AdapterLifecycle lifecycle;
  private final AdapterStatusTracker status;
  private final AdapterFaults faults;
  private final PushListener server;
  private final String credentialsProblem;
  private volatile int boundPort = -1;

  public PlateReaderAdapter(
      DeviceConfig device, PlateReaderAdapterConfig config, AdapterContext context) {
    this.device = device;
    this.config = config;
    this.lifecycle = new AdapterLifecycle(device, context);
    this.status = lifecycle.status();
    this.faults = lifecycle.faults();
    ResponseCounter responses = new ResponseCounter(context.meters(), "plate-" + device.id());
    ConnectionLimit connections =
        new ConnectionLimit(
            config.maxConnections(),
            Counter.builder(EdgeMetrics.HTTP_CONNECTIONS_REFUSED)
                .description("Connections closed on arrival because the listener was full")
                .tag("listener", "plate-" + device.id())
                .register(context.meters()));
    PlateHttpHandler handler =
        new PlateHttpHandler(
            config,
            new PlateReadEventMapper(context.edgeId(), device.id(), context.eventIds()),
            context.offers(status, faults, "plate reader"),
            faults,
            responses);
    PushAuthenticator authenticator;
    String problem = null;
    try {
      authenticator =
          PushAuthenticator.resolve(
              config.auth(),
              context.environment(),
              "sharpeyes plate reader " + device.id(),
              "plateHttp.auth");
    } catch (IllegalStateException unset) {
      authenticator = PushAuthenticator.OPEN; // never serves: start() fails first
      problem = unset.getMessage();
    }
    this.credentialsProblem = problem;
    PlateHttpInitializer initializer =
        new PlateHttpInitializer(
            config, connections, faults, status, responses, handler, authenticator);
    this.server =
        new PushListener(config.host(), config.port(), context.io(), initializer, connections);
  }

  @Override
  public DeviceConfig device() {
    return device;
  }

  @Override
  public CompletableFuture<Void> start() {
    lifecycle.starting();
    if (credentialsProblem != null) {
      return CompletableFuture.failedFuture(lifecycle.startFailed(credentialsProblem, null));
    }
    return server
        .bind()
        .handle(
            (port, error) -> {
              if (error != null) {
                String message =
                    "cannot listen on "
                        + config.host()
                        + ":"
                        + config.port()
                        + ": "
                        + error.getMessage();
                throw new CompletionException(lifecycle.startFailed(message, error));
              }
              boundPort = port;
              String endpoint = "http://" + config.host() + ":" + port + config.path();
              status.endpoint(endpoint);
              lifecycle.started();
              log.info("device {}: plate reader listening on {}", device.label(), endpoint);
              return null;
            });
  }

  @Override
  public CompletableFuture<Void> stop() {
    if (!lifecycle.stopping()) {
      return CompletableFuture.completedFuture(null);
    }
    return server
        .close()
        .whenComplete(
            (v, e) -> {
              lifecycle.stopped();
              status.connection(ConnectionState.DISCONNECTED);
              log.info("device {}: plate reader listener closed", device.label());
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
