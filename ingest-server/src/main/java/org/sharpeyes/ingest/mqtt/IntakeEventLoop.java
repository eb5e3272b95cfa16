package org.sharpeyes.ingest.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's own Vert.x instance: one event loop, named for the intake, that may block for a
 * while. The MQTT client's reading, its handlers and the acknowledgements all run on it; it is
 * shared with nothing else, so when it waits for room in the worker queue (backpressure), only the
 * intake waits. Its blocked-thread warning starts above that wait.
 */
final class IntakeEventLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeEventLoop.class);

  private final Vertx vertx;
  private final Context context;

  private IntakeEventLoop(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.context = context;
  }

  /**
   * @param threadName the event loop thread's name
   * @param mayBlock how long a handler may legitimately hold the loop; the blocked-thread warning
   *     comes a second later
   */
  static IntakeEventLoop start(String threadName, Duration mayBlock) {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setUseDaemonThread(true)
                .setMaxEventLoopExecuteTime(mayBlock.plusSeconds(1).toMillis())
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> Thread.currentThread().setName(threadName));
    return new IntakeEventLoop(vertx, context);
  }

  Vertx vertx() {
    return vertx;
  }

  /** The context every handler of the intake runs on (the one event loop). */
  Context context() {
    return context;
  }

  /**
   * Runs {@code task} on the loop and waits up to {@code max} for the future it returns; a task
   * that fails or does not finish in time is logged and given up on.
   */
  void runAndWait(Supplier<Future<?>> task, Duration max) {
    CompletableFuture<Object> done = new CompletableFuture<>();
    try {
      context.runOnContext(v -> task.get().onComplete(r -> done.complete(null)));
      done.get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.debug("on the MQTT intake's event loop: {}", e.toString());
    }
  }

  /** Closes the instance, waiting a few seconds at most. */
  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("closing the MQTT intake's event loop: {}", e.toString());
    }
  }
}
