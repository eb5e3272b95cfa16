package org.sharpeyes.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.sharpeyes.runtime.NamedThreads;

/**
 * Where every thread of the ingest-server is made, apart from Vert.x's event loops: each by {@link
 * NamedThreads} (named for its job, daemon, an uncaught exception logged), and each executor made
 * here is shut down by {@link #close()}, newest first. The parts of the server are given the
 * executors they run on; none makes threads of its own. Thread-safe.
 */
public final class ServerThreads implements AutoCloseable {

  private final Deque<ExecutorService> executors = new ArrayDeque<>();
  private boolean closed;

  /** One thread running tasks in order (e.g. the ingest worker). */
  public ExecutorService single(String name) {
    return keep(Executors.newSingleThreadExecutor(NamedThreads.daemon(name)));
  }

  /** One thread running tasks in order, some of them later or periodically. */
  public ScheduledExecutorService scheduler(String name) {
    return keep(Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon(name)));
  }

  /**
   * {@code threads} threads sharing one queue, which is not bounded: whoever offers the work bounds
   * it (as {@code BlockingDispatch} does).
   */
  public ExecutorService pool(String name, int threads) {
    return keep(Executors.newFixedThreadPool(threads, NamedThreads.daemon(name)));
  }

  /**
   * Threads for an executor that brings a queue policy of its own (a bounded queue that drops);
   * that executor's owner shuts it down.
   */
  public ThreadFactory factory(String name) {
    return NamedThreads.daemon(name);
  }

  /** Stops every executor made here, newest first, interrupting what runs. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    while (!executors.isEmpty()) {
      executors.pop().shutdownNow();
    }
  }

  private synchronized <E extends ExecutorService> E keep(E executor) {
    if (closed) {
      executor.shutdownNow();
      throw new IllegalStateException("the server's threads are stopped");
    }
    executors.push(executor);
    return executor;
  }
}
