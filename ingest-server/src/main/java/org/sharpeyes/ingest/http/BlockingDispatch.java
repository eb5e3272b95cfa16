package org.sharpeyes.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.sharpeyes.ingest.config.HttpConfig;

/**
 * The one way an HTTP route runs blocking work (JDBC, files, image checks, building a large
 * answer): on the server's HTTP worker threads, never on an event loop, with at most {@code
 * maxPending} requests queued or running at once. One more is refused at once — answered 503 with
 * {@code Retry-After} and counted in {@code sharpeyes_api_busy_total{route}} — instead of piling up
 * behind a slow store. One instance serves every route of the server, so the bound is the server's.
 *
 * <p>Thread-safe. {@link #respond} must be called on the request's event loop; the reply runs there
 * too.
 */
public final class BlockingDispatch {

  /** Worker threads when not configured ({@code http.workerThreads}). */
  public static final int DEFAULT_THREADS = HttpConfig.DEFAULT_WORKER_THREADS;

  /** Requests queued or running at once when not configured ({@code http.maxPendingRequests}). */
  public static final int DEFAULT_MAX_PENDING = HttpConfig.DEFAULT_MAX_PENDING_REQUESTS;

  /**
   * How much blocking work the HTTP API takes on.
   *
   * @param threads worker threads, 1..{@value HttpConfig#MAX_WORKER_THREADS}
   * @param maxPending requests queued or running at once, from {@code threads} to {@value
   *     HttpConfig#MAX_PENDING_REQUESTS}
   */
  public record Bounds(int threads, int maxPending) {

    public static final Bounds DEFAULT = new Bounds(DEFAULT_THREADS, DEFAULT_MAX_PENDING);

    public Bounds {
      if (threads < 1 || threads > HttpConfig.MAX_WORKER_THREADS) {
        throw new IllegalArgumentException(
            "HTTP worker threads must be 1.." + HttpConfig.MAX_WORKER_THREADS + ", was " + threads);
      }
      if (maxPending < threads || maxPending > HttpConfig.MAX_PENDING_REQUESTS) {
        throw new IllegalArgumentException(
            "HTTP requests pending must be from the "
                + threads
                + " worker threads to "
                + HttpConfig.MAX_PENDING_REQUESTS
                + ", was "
                + maxPending);
      }
    }

    /** The bounds {@code http.workerThreads} and {@code http.maxPendingRequests} configure. */
    public static Bounds of(HttpConfig http) {
      return new Bounds(http.workerThreads(), http.maxPendingRequests());
    }
  }

  private final Executor workers;
  private final int maxPending;
  private final MeterRegistry registry;
  private final AtomicInteger pending = new AtomicInteger();
  private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

  /**
   * @param workers runs the work; {@code bounds.threads()} threads of its own (the dispatch does
   *     not shut it down: its owner does)
   */
  public BlockingDispatch(Executor workers, Bounds bounds, MeterRegistry registry) {
    this.workers = workers;
    this.maxPending = bounds.maxPending();
    this.registry = registry;
  }

  /**
   * Runs {@code work} on a worker thread, then {@code reply} with its result on the request's event
   * loop. When the dispatch is full, or {@code work} throws, the client gets the problem {@link
   * ProblemReplies#failed} makes of it (503 busy, 503 store unavailable, or 500).
   */
  public <T> void respond(RoutingContext ctx, Callable<T> work, Consumer<T> reply) {
    submit(routeOf(ctx), work)
        .onSuccess(
            result -> {
              if (ctx.response().closed()) {
                return; // the client left while the work ran
              }
              try {
                reply.accept(result);
              } catch (RuntimeException e) {
                ProblemReplies.failed(ctx, e);
              }
            })
        .onFailure(e -> ProblemReplies.failed(ctx, e));
  }

  /**
   * Runs {@code work} on a worker thread if fewer than {@code maxPending} requests are pending,
   * else fails at once with {@link Busy}, counted for {@code route}. Called on a Vert.x context,
   * the future completes on that context; elsewhere, on the worker thread.
   *
   * @param route the label of the refusal counter: the route's path as documented
   */
  public <T> Future<T> submit(String route, Callable<T> work) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      refusals.computeIfAbsent(route, this::counter).increment();
      return Future.failedFuture(
          new Busy(maxPending + " requests are already being served; try again shortly"));
    }
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    try {
      workers.execute(() -> complete(promise, context, work));
    } catch (RejectedExecutionException stopping) {
      pending.decrementAndGet();
      return Future.failedFuture(new Busy("the server is stopping"));
    }
    return promise.future();
  }

  /** Requests queued or running now. */
  public int pending() {
    return pending.get();
  }

  private <T> void complete(Promise<T> promise, Context context, Callable<T> work) {
    T result = null;
    Throwable failure = null;
    try {
      result = work.call();
    } catch (Throwable e) { // whatever it is, the request must still get its answer
      failure = e;
    } finally {
      pending.decrementAndGet();
    }
    T r = result;
    Throwable f = failure;
    Runnable done =
        () -> {
          if (f == null) {
            promise.complete(r);
          } else {
            promise.fail(f);
          }
        };
    if (context == null) {
      done.run();
    } else {
      context.runOnContext(v -> done.run());
    }
  }

  private Counter counter(String route) {
    return Counter.builder("sharpeyes.api.busy")
        .description("HTTP requests answered 503 because the blocking-work dispatch was full")
        .tag("route", route)
        .register(registry);
  }

  /** The route's path as the OpenAPI document writes it ({@code /api/alerts/{id}}). */
  private static String routeOf(RoutingContext ctx) {
    Route route = ctx.currentRoute();
    String path = route == null ? null : route.getPath();
    return path == null ? "other" : path.replaceAll(":([A-Za-z][A-Za-z0-9]*)", "{$1}");
  }

  /** The dispatch was full, or the server is stopping: answered 503 with {@code Retry-After}. */
  public static final class Busy extends RuntimeException {
    Busy(String message) {
      super(message, null, false, false);
    }
  }
}
