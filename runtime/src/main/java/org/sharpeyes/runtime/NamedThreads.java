package org.sharpeyes.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place our threads are made: each is named {@code prefix-N} (so that thread dumps and log
 * lines say which part of the process a thread belongs to) and logs what kills it instead of dying
 * silently on standard error.
 *
 * <p>Daemon threads never keep the JVM alive; use them for work that the owner stops explicitly
 * anyway (schedulers, I/O loops, simulators). Non-daemon threads are for work that must finish
 * before the process may exit (an agent's publisher draining its outbox on shutdown).
 */
public final class NamedThreads implements ThreadFactory {

  private static final Logger log = LoggerFactory.getLogger(NamedThreads.class);

  private final String prefix;
  private final boolean daemon;
  private final AtomicInteger count = new AtomicInteger();

  private NamedThreads(String prefix, boolean daemon) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("a thread name prefix is needed, e.g. edge-publisher");
    }
    this.prefix = prefix;
    this.daemon = daemon;
  }

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … */
  public static NamedThreads daemon(String prefix) {
    return new NamedThreads(prefix, true);
  }

  /** Non-daemon threads named {@code prefix-1}, {@code prefix-2}, … */
  public static NamedThreads nonDaemon(String prefix) {
    return new NamedThreads(prefix, false);
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread t = new Thread(task, prefix + "-" + count.incrementAndGet());
    t.setDaemon(daemon);
    t.setUncaughtExceptionHandler(
        (thread, e) -> log.error("thread {} ended by an uncaught exception", thread.getName(), e));
    return t;
  }

  /** Threads made so far. */
  public int created() {
    return count.get();
  }
}
