package org.sharpeyes.sims.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sharpeyes.runtime.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated access controller with an OPC UA server (Eclipse Milo): doors whose state and last
 * credential are variables, and an {@code AccessEventType} event for every presentation and every
 * move (see {@link GateAddressSpace}). Traffic is generated ({@link GateTraffic}), scripted ({@link
 * GateScript}), or driven from code with {@link #present}, {@link #force}, {@link #holdOpen},
 * {@link #open} and {@link #close}.
 *
 * <p>Lifecycle: {@link #start()} binds (the first start also makes or loads the certificate in the
 * PKI directory) and starts the activity; {@link #restart()} drops every client and binds again on
 * the same port while the doors go on; {@link #stop()} stops both; {@link #close()} also releases
 * the PKI and the scheduler. These methods block until done and are safe from any thread.
 */
public final class GateSimulator implements AutoCloseable {

  /** How often the activity is advanced to the clock's time. */
  static final long TICK_MILLIS = 20;

  private static final Logger log = LoggerFactory.getLogger(GateSimulator.class);

  private final GateSimulatorOptions options;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final DoorBank bank;
  private final long seed;
  private GatePki pki;
  private GateOpcUaServer server;
  private DoorActivity activity;
  private ScheduledFuture<?> ticking;
  private int port;

  private GateSimulator(
      GateSimulatorOptions options, Clock clock, ScheduledExecutorService scheduler) {
    this.options = options;
    this.clock = clock;
    this.ownScheduler = scheduler == null;
    this.scheduler =
        scheduler != null
            ? scheduler
            : Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("gate-sim"));
    this.bank = new DoorBank(options.deviceIds());
    this.seed = options.seed().orElseGet(() -> new SecureRandom().nextLong());
    this.port = options.port();
  }

  /** A simulator on the system clock with a scheduler thread of its own. */
  public static GateSimulator create(GateSimulatorOptions options) {
    return new GateSimulator(options, Clock.systemUTC(), null);
  }

  /**
   * A simulator on this clock and scheduler (which it does not shut down); the activity is advanced
   * on the scheduler every {@value #TICK_MILLIS} ms to {@code clock.instant()}.
   */
  public static GateSimulator create(
      GateSimulatorOptions options, Clock clock, ScheduledExecutorService scheduler) {
    return new GateSimulator(
        options, Objects.requireNonNull(clock), Objects.requireNonNull(scheduler));
  }

  /**
   * Binds and starts the activity.
   *
   * @throws UncheckedIOException when the PKI directory cannot be used or the port not bound
   */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      if (pki == null) {
        pki =
            GatePki.open(
                options.pkiDir(),
                GateOpcUaServer.APPLICATION_URI,
                List.of(options.host()),
                options.trustAllClients(),
                options.keyStorePassword());
      }
      server = bind();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new UncheckedIOException(new IOException("the gate simulator did not start: " + e, e));
    }
    if (activity == null) {
      activity = newActivity();
    }
    ticking = scheduler.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    log.info(
        "gate simulator at {} ({} door(s), security {}, seed {})",
        server.endpointUrl(),
        bank.doorCount(),
        options.security().optionName(),
        seed);
  }

  /** Stops the activity and the server; {@link #start()} starts them again on the same port. */
  public synchronized void stop() {
    if (ticking != null) {
      ticking.cancel(false);
      ticking = null;
    }
    stopServer();
  }

  /** Drops every client and binds again on the same port; the doors go on meanwhile. */
  public synchronized void restart() {
    if (server == null) {
      start();
      return;
    }
    stopServer();
    try {
      server = bind();
    } catch (Exception e) {
      throw new UncheckedIOException(
          new IOException("the gate simulator did not restart: " + e, e));
    }
    log.info("gate simulator restarted at {}", server.endpointUrl());
  }

  @Override
  public synchronized void close() {
    stop();
    if (pki != null) {
      try {
        pki.close();
      } catch (IOException e) {
        log.warn("closing the trust list: {}", e.toString());
      }
      pki = null;
    }
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The bound port (after the first start, also while stopped). */
  public synchronized int port() {
    return port;
  }

  /** {@code opc.tcp://127.0.0.1:<port>/sharpeyes/gate}, for every security mode. */
  public synchronized String endpointUrl() {
    if (server == null) {
      throw new IllegalStateException("the gate simulator is not running");
    }
    return server.endpointUrl();
  }

  /** The server's application certificate (available after the first start). */
  public synchronized X509Certificate serverCertificate() {
    if (pki == null) {
      throw new IllegalStateException("the gate simulator has not started yet");
    }
    return pki.certificate();
  }

  public GateSimulatorOptions options() {
    return options;
  }

  /** The seed of the generated traffic (the options', or the one picked at random). */
  public long seed() {
    return seed;
  }

  /** The doors, for reading their state and listening to their events. */
  public DoorBank doors() {
    return bank;
  }

  /** Calls {@code listener} with every event from now on (quickly, under the doors' lock). */
  public void addListener(Consumer<AccessEvent> listener) {
    bank.addListener(listener);
  }

  /**
   * Presents a credential from the list (or, when it is not in the list, an unknown card), coming
   * in; the door does not move.
   */
  public AccessEvent present(int door, String credentialId) {
    return present(door, options.credentials().findOrUnknown(credentialId), PassDirection.IN);
  }

  public AccessEvent present(int door, Credential credential, PassDirection direction) {
    return bank.present(door, credential, direction, clock.instant());
  }

  /** The door forced open; null when it already was. */
  public AccessEvent force(int door) {
    return bank.setState(door, DoorState.FORCED, clock.instant());
  }

  /** The door held open; null when it already was. */
  public AccessEvent holdOpen(int door) {
    return bank.setState(door, DoorState.HELD_OPEN, clock.instant());
  }

  /** The door opened after a grant; null when it already was open. */
  public AccessEvent open(int door) {
    return bank.setState(door, DoorState.OPEN, clock.instant());
  }

  /** The door shut; null when it already was. */
  public AccessEvent close(int door) {
    return bank.setState(door, DoorState.CLOSED, clock.instant());
  }

  private DoorActivity newActivity() {
    if (options.script().isPresent()) {
      return new ScriptedActivity(options.script().get(), bank, clock.instant());
    }
    if (options.rate() > 0) {
      return new GateTraffic(
          bank,
          options.credentials(),
          options.rate(),
          seed,
          options.forcedShare(),
          options.heldShare(),
          options.unknownShare(),
          clock.instant());
    }
    return null;
  }

  private void tick() {
    DoorActivity a = activity;
    if (a == null || a.finished()) {
      return;
    }
    try {
      a.advanceTo(clock.instant());
    } catch (RuntimeException e) {
      // Keep ticking: one bad step must not end the simulation.
      log.warn("gate activity failed: {}", e.toString(), e);
    }
  }

  /** Binds the chosen port; with port 0, a free one, trying again if another process took it. */
  private GateOpcUaServer bind() throws Exception {
    if (port != 0) {
      return GateOpcUaServer.start(options, pki, bank, clock, port);
    }
    Exception last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int candidate = freePort(options.host());
      try {
        GateOpcUaServer s = GateOpcUaServer.start(options, pki, bank, clock, candidate);
        port = candidate;
        return s;
      } catch (Exception e) {
        last = e;
      }
    }
    throw last;
  }

  private void stopServer() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping the OPC UA server: {}", e.toString());
    }
    server = null;
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return socket.getLocalPort();
    }
  }
}
