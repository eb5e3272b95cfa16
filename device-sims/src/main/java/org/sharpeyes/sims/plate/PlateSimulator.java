package org.sharpeyes.sims.plate;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.sharpeyes.runtime.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated plate reader: POSTs plate reads as JSON to an edge-agent at a fixed rate until its
 * count or duration is reached or {@link #stop()} is called. Draws and attributes come from one
 * seeded generator on the issuing thread, so a seed fixes the sequence of reads. Answers of every
 * status are counted, never thrown; requests without an answer are counted as errors.
 *
 * <p>Concurrency is bounded: at most {@code maxInFlight} requests await an answer; when the target
 * is slower than the rate, issuing pauses (counted in {@link SimulationReport#inFlightLimitHits()})
 * and the achieved rate shows it.
 *
 * <pre>{@code
 * var options = PlateSimulatorOptions.builder()
 *     .target(URI.create("http://127.0.0.1:8081/plates"))
 *     .deviceId("43070200001320000101")
 *     .ratePerSecond(50).count(500).seed(7)
 *     .build();
 * SimulationReport report = PlateSimulator.of(options).run();
 * }</pre>
 */
public final class PlateSimulator {

  private static final Logger log = LoggerFactory.getLogger(PlateSimulator.class);
  private static final Duration TICK = Duration.ofMillis(5);

  private enum State {
    NEW,
    RUNNING,
    STOPPING,
    DONE
  }

  private final PlateSimulatorOptions options;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final HttpClient http;
  private final PlateReadListener listener;

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CompletableFuture<SimulationReport> done = new CompletableFuture<>();
  private final Semaphore permits;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final StatusTally tally = new StatusTally();
  private final LongAdder inFlightLimitHits = new LongAdder();
  private final LongAdder listenerFailures = new LongAdder();
  private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();

  // Issuing state: touched only by the tick task (one execution at a time).
  private final SplittableRandom random;
  private final Pacer pacer;
  private final PlateReadFactory factory;
  private final SnapshotRenderer snapshots;
  private long hotSent;
  private volatile ScheduledFuture<?> ticking;
  private volatile Instant startedAt;
  private volatile Instant issuingEndedAt;
  private volatile boolean issuingDone;

  private PlateSimulator(Builder builder) {
    this.options = builder.options;
    this.clock = builder.clock;
    this.ownsScheduler = builder.scheduler == null;
    this.scheduler =
        ownsScheduler
            ? Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("plate-sim-pacer"))
            : builder.scheduler;
    this.http =
        builder.http != null ? builder.http : ReaderHttpClient.create(options.requestTimeout());
    this.listener = builder.listener;
    this.permits = new Semaphore(options.maxInFlight());
    this.random = new SplittableRandom(options.seed());
    this.pacer = new Pacer(clock, options.ratePerSecond());
    this.snapshots =
        options.snapshot() ? new SnapshotRenderer(SnapshotRenderer.DEFAULT_CACHE_SIZE) : null;
    this.factory = new PlateReadFactory(clock, random, snapshots);
  }

  /** A simulator on the system clock, with its own threads and HTTP client. */
  public static PlateSimulator of(PlateSimulatorOptions options) {
    return builder(options).build();
  }

  public static Builder builder(PlateSimulatorOptions options) {
    return new Builder(options);
  }

  public PlateSimulatorOptions options() {
    return options;
  }

  /**
   * Starts sending and returns at once. The future completes with the report after issuing has
   * ended and every request has been answered or timed out. A simulator runs once.
   *
   * @throws IllegalStateException when called a second time
   */
  public CompletableFuture<SimulationReport> start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("a plate simulator runs once; build a new one");
    }
    scheduler.execute(
        () -> {
          if (snapshots != null) {
            snapshots.warmUp();
          }
          startedAt = pacer.start();
          log.info(
              "sending plate reads to {} as device {} at {}/s ({})",
              options.target(),
              options.deviceId(),
              options.ratePerSecond(),
              limits());
          ticking =
              scheduler.scheduleAtFixedRate(
                  this::tick, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
        });
    return done;
  }

  /**
   * Starts and waits for the report. If the calling thread is interrupted, the simulator is
   * stopped, the report of what was sent is returned (after in-flight requests settle, at most the
   * request timeout) and the interrupt flag is restored.
   */
  public SimulationReport run() {
    CompletableFuture<SimulationReport> report = start();
    try {
      return report.get();
    } catch (InterruptedException e) {
      stop();
      SimulationReport partial = report.join();
      Thread.currentThread().interrupt();
      return partial;
    } catch (ExecutionException e) {
      throw new IllegalStateException("plate simulator failed", e.getCause());
    }
  }

  /** Stops issuing new reads; safe to call at any time, from any thread, more than once. */
  public void stop() {
    if (state.compareAndSet(State.NEW, State.DONE)) {
      startedAt = clock.instant();
      issuingEndedAt = startedAt;
      finish();
      return;
    }
    state.compareAndSet(State.RUNNING, State.STOPPING);
  }

  private String limits() {
    String count = options.count() == 0 ? "no count limit" : options.count() + " reads";
    String duration = options.duration().isZero() ? "no time limit" : "for " + options.duration();
    return count + ", " + duration;
  }

  private void tick() {
    if (issuingDone) {
      cancelTicking();
      return;
    }
    try {
      Instant now = clock.instant();
      if (state.get() != State.RUNNING) {
        finishIssuing(now);
        return;
      }
      Instant end = options.duration().isZero() ? null : startedAt.plus(options.duration());
      boolean durationOver = end != null && !now.isBefore(end);
      // On the last tick, issue what fell due up to the end of the duration, not beyond it.
      long due = pacer.due(durationOver ? end : now);
      if (options.count() > 0) {
        due = Math.min(due, options.count() - pacer.issuedTotal());
      }
      for (long i = 0; i < due; i++) {
        if (!permits.tryAcquire()) {
          inFlightLimitHits.increment();
          break;
        }
        send(pacer.issuedTotal());
        pacer.issued(1);
      }
      if (durationOver) {
        finishIssuing(end);
      } else if (options.count() > 0 && pacer.issuedTotal() >= options.count()) {
        finishIssuing(clock.instant());
      }
    } catch (RuntimeException e) {
      log.error("plate simulator stops issuing after an unexpected failure", e);
      finishIssuing(clock.instant());
    }
  }

  private void send(long sequence) {
    PlateStyle style =
        options.rawStyles()
            ? PlateStyle.values()[random.nextInt(PlateStyle.values().length)]
            : PlateStyle.PLAIN;
    PlateDraw draw = options.pool().draw(random, options.hotShare(), style);
    PlateReadBody body = factory.bodyFor(draw);
    if (draw.isHot()) {
      hotSent++;
      log.debug("read {}: hot plate {} written '{}'", sequence, draw.hot(), draw.raw());
    }
    HttpRequest.Builder post =
        HttpRequest.newBuilder(options.target())
            .timeout(options.requestTimeout())
            .header("Content-Type", "application/json")
            .header(PlateSimulatorOptions.DEVICE_ID_HEADER, options.deviceId().value())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toJsonBytes()));
    if (options.credentials() != null) {
      post.header("Authorization", options.credentials().header());
    }
    HttpRequest request = post.build();
    SentRead read = new SentRead(sequence, draw, body, clock.instant());
    CappedAnswer answer = new CappedAnswer(PlateSimulatorOptions.MAX_ANSWER_BYTES);
    outstanding.incrementAndGet();
    try {
      http.sendAsync(request, answer.handler())
          .whenComplete((response, error) -> settle(read, response, answer, error));
    } catch (RuntimeException e) {
      settle(read, null, answer, e);
    }
  }

  private void settle(
      SentRead read, HttpResponse<Void> response, CappedAnswer answer, Throwable error) {
    Instant at = clock.instant();
    try {
      if (error != null) {
        Throwable cause =
            error instanceof CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        tally.failed();
        if (loggedFailures.add(cause.getClass().getName())) {
          log.warn(
              "no answer from {} for read {}: {}",
              options.target(),
              read.sequence(),
              cause.toString());
        }
        listener.failed(read, at, cause);
      } else {
        int status = response.statusCode();
        String text = answer.text();
        if (tally.answered(status) && (status < 200 || status >= 300)) {
          log.warn("first {} answer from {}: {}", status, options.target(), text);
        }
        listener.answered(read, at, status, text);
      }
    } catch (RuntimeException e) {
      listenerFailures.increment();
      if (loggedFailures.add("listener:" + e.getClass().getName())) {
        log.warn("plate read listener failed on read {}", read.sequence(), e);
      }
    } finally {
      permits.release();
      if (outstanding.decrementAndGet() == 0 && issuingDone) {
        finish();
      }
    }
  }

  private void finishIssuing(Instant end) {
    if (issuingDone) {
      return;
    }
    issuingEndedAt = end;
    issuingDone = true;
    cancelTicking();
    if (outstanding.get() == 0) {
      finish();
    }
  }

  private void cancelTicking() {
    ScheduledFuture<?> task = ticking;
    if (task != null) {
      task.cancel(false);
    }
  }

  private void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    state.set(State.DONE);
    SimulationReport report =
        new SimulationReport(
            options.target(),
            options.ratePerSecond(),
            pacer.issuedTotal(),
            hotSent,
            tally.snapshot(),
            tally.errors(),
            inFlightLimitHits.sum(),
            snapshots == null ? 0 : snapshots.failures(),
            listenerFailures.sum(),
            Duration.between(startedAt, issuingEndedAt));
    if (ownsScheduler) {
      scheduler.shutdown();
    }
    done.complete(report);
  }

  /** Wires a simulator: clock, threads, HTTP client and listener, all optional. */
  public static final class Builder {
    private final PlateSimulatorOptions options;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private HttpClient http;
    private PlateReadListener listener = PlateReadListener.NONE;

    private Builder(PlateSimulatorOptions options) {
      this.options = Objects.requireNonNull(options, "options");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The scheduler that paces reads. The caller keeps ownership (the simulator does not shut it
     * down). Without one, the simulator uses its own single thread and shuts it down when done.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The HTTP client to send with; without one, an HTTP/1.1 client with 4 idle-timing threads. */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    public Builder listener(PlateReadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public PlateSimulator build() {
      return new PlateSimulator(this);
    }
  }
}
