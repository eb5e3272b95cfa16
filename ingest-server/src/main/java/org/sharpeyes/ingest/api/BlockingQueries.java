package org.sharpeyes.ingest.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the API's blocking JDBC calls on a small worker pool, never on an event loop, and bounds how
 * many may be queued or running: beyond that a request fails fast with {@link BusyException}
 * (answered 503 and counted in {@code sharpeyes_api_busy_total}) instead of piling up.
 */
final class BlockingQueries implements AutoCloseable {

  static final String POOL_NAME = "sharpeyes-alert-api";

  private final WorkerExecutor workers;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter busy;

  BlockingQueries(Vertx vertx, int poolSize, int maxInFlight, MeterRegistry registry) {
    this.workers = vertx.createSharedWorkerExecutor(POOL_NAME, poolSize);
    this.maxInFlight = maxInFlight;
    this.busy =
        Counter.builder("sharpeyes.api.busy")
            .description("API requests refused because too many database queries were pending")
            .register(registry);
  }

  <T> Future<T> run(Callable<T> query) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      busy.increment();
      return Future.failedFuture(
          new BusyException(maxInFlight + " queries are already pending; try again shortly"));
    }
    return workers.executeBlocking(query, false).andThen(r -> inFlight.decrementAndGet());
  }

  @Override
  public void close() {
    workers.close();
  }

  /** Too many queries pending. */
  static final class BusyException extends RuntimeException {
    BusyException(String message) {
      super(message, null, false, false);
    }
  }
}
