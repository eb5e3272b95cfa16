package org.sharpeyes.edge.adapter.gate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterLifecycle;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceAdapter;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.runtime.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An access controller reached over OPC UA (Eclipse Milo): its doors' states and every credential
 * presented become {@code door.state} and {@code door.access} events, one device per door.
 *
 * <p>The connection is a small state machine driven from the context's scheduler: an attempt opens
 * a {@link GateSession} (blocking work, on the context's blocking executor); success makes the
 * adapter {@code CONNECTED}; a failure is reported in words and retried after a capped, jittered
 * backoff — {@code ERROR} when the controller refused us as configured, {@code DISCONNECTED} when
 * it could not be reached. A session that is lost is disposed and a new one opened from scratch
 * with a new subscription. The controller being offline is never a start failure; a missing
 * credential variable (checked before {@link #start()} returns) or an unusable PKI directory
 * (opened on the blocking executor: making our certificate takes a second or two) is.
 */
public final class GateAdapter implements DeviceAdapter {

  private static final Logger log = LoggerFactory.getLogger(GateAdapter.class);
  static final String APPLICATION_URI = "urn:sharpeyes:edge-agent:";

  private final DeviceConfig device;
  private final GateAdapterConfig config;
  private final AdapterContext context;
  private final AdapterLifecycle lifecycle;
  private final AdapterStatusTracker status;
  private final AdapterFaults faults;
  private final GateCounters counters = new GateCounters();
  private final GateEventHandler handler;
  private final Backoff backoff;
  private final Set<CompletableFuture<Void>> closing = ConcurrentHashMap.newKeySet();
  private GateConnector connector;
  private GateSession session;
  private CompletableFuture<GateSession> opening;
  private ScheduledFuture<?> retry;
  private int failures;

  /**
   * @param context also where {@code usernameEnv}/{@code passwordEnv} are looked up, and whose
   *     blocking executor runs the connection work (connect, browse, subscribe)
   * @param random the backoff's jitter
   */
  public GateAdapter(
      DeviceConfig device,
      GateAdapterConfig config,
      AdapterContext context,
      RandomGenerator random) {
    this.device = device;
    this.config = config;
    this.context = context;
    this.lifecycle = new AdapterLifecycle(device, context);
    this.status = lifecycle.status();
    this.faults = lifecycle.faults();
    EventIdMemory eventIds = new EventIdMemory(config.eventIdMemory());
    this.handler =
        new GateEventHandler(
            config.profile(),
            new GateEventMapper(context.edgeId(), context.eventIds(), config.profile()),
            context.offers(status, faults, "door"),
            faults,
            counters,
            eventIds,
            context.clock());
    this.backoff = new Backoff(config.reconnect(), random, context.clock());
    GateMetrics.register(
        context.meters(), device.id(), counters, eventIds::evicted, context.clock());
  }

  @Override
  public DeviceConfig device() {
    return device;
  }

  @Override
  public CompletableFuture<Void> start() {
    lifecycle.starting();
    status.endpoint(config.describeEndpoint());
    GateConnector.Credentials credentials;
    try {
      credentials = credentials();
    } catch (IllegalStateException e) {
      return CompletableFuture.failedFuture(lifecycle.startFailed(e.getMessage(), e));
    }
    CompletableFuture<Void> prepared;
    try {
      prepared = CompletableFuture.runAsync(() -> connector(credentials), context.blocking());
    } catch (RejectedExecutionException e) {
      prepared = CompletableFuture.failedFuture(e);
    }
    return prepared.handle(
        (v, failure) -> {
          if (failure != null) {
            Throwable e = failure instanceof CompletionException c ? c.getCause() : failure;
            String message =
                e instanceof RejectedExecutionException
                    ? "cannot start: the agent is stopping"
                    : "cannot use the PKI directory " + config.pkiDir() + ": " + e.getMessage();
            throw new CompletionException(lifecycle.startFailed(message, e));
          }
          synchronized (this) {
            if (!lifecycle.isStopping()) { // a stop meanwhile: nothing to start
              status.connection(ConnectionState.CONNECTING);
              lifecycle.started();
              context.scheduler().execute(this::attempt);
            }
          }
          return null;
        });
  }

  /** On the blocking executor: opens the PKI directory (may make our certificate). */
  private void connector(GateConnector.Credentials credentials) {
    boolean secure = config.policy() != GateAdapterConfig.Policy.NONE;
    GateCertificates certificates;
    try {
      certificates =
          GateCertificates.open(
              config.pkiDir(),
              APPLICATION_URI + context.edgeId(),
              config.trustedServerCertificates(),
              secure);
    } catch (IOException e) {
      throw new CompletionException(e);
    }
    synchronized (this) {
      connector =
          new GateConnector(
              config,
              certificates,
              credentials,
              certificates.applicationUri(APPLICATION_URI + context.edgeId()),
              context.io());
    }
  }

  @Override
  public CompletableFuture<Void> stop() {
    if (!lifecycle.stopping()) {
      return CompletableFuture.completedFuture(null);
    }
    long timeout = config.requestTimeout().toMillis();
    CompletableFuture<Void> current;
    CompletableFuture<Void> inFlight;
    synchronized (this) {
      if (retry != null) {
        retry.cancel(false);
      }
      current = session == null ? CompletableFuture.completedFuture(null) : session.close(timeout);
      session = null;
      inFlight =
          opening == null
              ? CompletableFuture.completedFuture(null)
              : opening
                  .handle((s, e) -> s)
                  .thenCompose(
                      s -> s == null ? CompletableFuture.completedFuture(null) : s.close(timeout));
    }
    CompletableFuture<?>[] all = closing.toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(current, inFlight, CompletableFuture.allOf(all))
        .orTimeout(4 * timeout, TimeUnit.MILLISECONDS)
        .handle(
            (v, e) -> {
              counters.doors.set(0);
              status.connection(ConnectionState.DISCONNECTED);
              lifecycle.stopped();
              return null;
            });
  }

  @Override
  public AdapterStatus status() {
    return status.snapshot();
  }

  /** What the adapter did so far. */
  public GateCounters counters() {
    return counters;
  }

  /** Events handed to the sink in the last minute. */
  public long eventsPerMinute() {
    return counters.eventsLastMinute(context.clock().instant());
  }

  /** On the context's scheduler: starts one connection attempt, unless stopped. */
  private synchronized void attempt() {
    retry = null;
    if (lifecycle.isStopping() || opening != null || session != null) {
      return;
    }
    counters.connectAttempts.incrementAndGet();
    GateSession.Listener listener = new SessionEvents();
    CompletableFuture<GateSession> attempt;
    try {
      attempt =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return GateSession.open(connector, config, listener);
                } catch (GateLinkException e) {
                  throw new CompletionException(e);
                }
              },
              context.blocking());
    } catch (RejectedExecutionException e) {
      faults.report(FaultKind.INTERNAL, "cannot run a connection attempt: " + e, e);
      return;
    }
    opening = attempt;
    attempt.whenComplete(
        (opened, failure) -> onScheduler(() -> attempted(attempt, opened, failure), opened));
  }

  private synchronized void attempted(
      CompletableFuture<GateSession> attempt, GateSession opened, Throwable failure) {
    if (opening == attempt) {
      opening = null;
    }
    if (lifecycle.isStopping()) {
      return; // stop() closes what the attempt opened
    }
    if (failure != null) {
      GateLinkException why =
          GateErrors.describe(config.endpoint().toString(), failure, config.pkiDir());
      faults.report(
          why.refused() ? FaultKind.LINK_REFUSED : FaultKind.DEVICE_UNREACHABLE,
          why.getMessage(),
          null);
      failures++;
      schedule(backoff.delayAfter(Math.min(failures, 30)));
      return;
    }
    session = opened;
    if (!opened.isOpen()) {
      // Lost before this ran; its notice was dropped as not about the current session.
      lost(opened, "the session to the controller ended just after it opened");
      return;
    }
    failures = 0;
    counters.connects.incrementAndGet();
    counters.doors.set(opened.doors().size());
    handler.watching(opened.doors());
    status.contact();
    for (String problem : opened.problems()) {
      faults.report(FaultKind.INPUT_REJECTED, problem, null);
    }
    log.info(
        "device {}: connected to {}, watching {} door(s)",
        device.label(),
        config.describeEndpoint(),
        opened.doors().size());
  }

  private synchronized void lost(GateSession which, String why) {
    if (which != session || lifecycle.isStopping()) {
      return;
    }
    session = null;
    counters.sessionsLost.incrementAndGet();
    counters.doors.set(0);
    faults.report(FaultKind.DEVICE_UNREACHABLE, why + "; reconnecting", null);
    status.connection(ConnectionState.CONNECTING);
    // Milo first tries to close the lost session on the server; stop() waits for that too.
    CompletableFuture<Void> closed = which.close(config.requestTimeout().toMillis() * 2);
    closing.add(closed);
    closed.whenComplete((v, e) -> closing.remove(closed));
    failures = 0;
    schedule(backoff.delayAfter(0));
  }

  private void schedule(Duration delay) {
    try {
      retry = context.scheduler().schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("device {}: the agent is stopping, no retry", device.label());
    }
  }

  /** Runs on the context's scheduler; when it no longer runs (agent closing), closes the rest. */
  private void onScheduler(Runnable task, GateSession orphan) {
    try {
      context.scheduler().execute(task);
    } catch (RejectedExecutionException e) {
      if (orphan != null) {
        orphan.close(config.requestTimeout().toMillis());
      }
    }
  }

  private GateConnector.Credentials credentials() {
    if (config.usernameEnv() == null) {
      return GateConnector.Credentials.ANONYMOUS;
    }
    String user = context.environment().get(config.usernameEnv());
    String password = context.environment().get(config.passwordEnv());
    if (user == null || user.isEmpty() || password == null) {
      throw new IllegalStateException(
          "environment variable "
              + (user == null || user.isEmpty() ? config.usernameEnv() : config.passwordEnv())
              + " (gate."
              + (user == null || user.isEmpty() ? "usernameEnv" : "passwordEnv")
              + ") is not set: set it to the controller's login before starting");
    }
    return new GateConnector.Credentials(user, password);
  }

  /** Forwards what a session reports; {@code lost} hops to the scheduler. */
  private final class SessionEvents implements GateSession.Listener {
    @Override
    public void accessEvent(GateDoor door, String eventId, Instant time, String[] fields) {
      handler.accessEvent(door, eventId, time, fields);
    }

    @Override
    public void state(GateDoor door, Object value, Instant time, boolean initial) {
      handler.state(door, value, time, initial);
    }

    @Override
    public void presentation(GateDoor door, String[] values, Instant time, boolean initial) {
      handler.presentation(door, values, time, initial);
    }

    @Override
    public void ignored(String source) {
      handler.ignored(source);
    }

    @Override
    public void overflow() {
      handler.overflow();
    }

    @Override
    public void lost(GateSession which, String why) {
      onScheduler(() -> GateAdapter.this.lost(which, why), null);
    }
  }
}
