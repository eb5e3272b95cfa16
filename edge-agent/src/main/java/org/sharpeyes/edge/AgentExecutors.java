package org.sharpeyes.edge;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.runtime.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thread of an agent, made in this one place and stopped by {@link #close()}, which the agent
 * calls last, after its adapters, publisher and outbox have stopped. Adapters and the rest are lent
 * these executors and never shut one down.
 *
 * @param io Netty event loops ({@code edge-io-*}) for the status endpoints and the adapters that
 *     listen or connect with Netty
 * @param publisher the MQTT publisher's one thread; non-daemon, it drains the outbox on shutdown
 * @param adapters the adapters' shared timer, for retries and polling (short tasks only)
 * @param adapterWork the adapters' blocking and long-running work: model loading, connection
 *     attempts, each camera's stream; a thread per task running at once (their number is bounded by
 *     the devices of this edge), daemon so that a device read stuck in native code never holds the
 *     process
 * @param outbox the outbox's one writer thread
 * @param watchlist the watchlist sync's thread
 */
record AgentExecutors(
    EventLoopGroup io,
    ScheduledExecutorService publisher,
    ScheduledExecutorService adapters,
    ExecutorService adapterWork,
    ExecutorService outbox,
    ScheduledExecutorService watchlist)
    implements AutoCloseable {

  static final int IO_THREADS = 2;

  private static final Logger log = LoggerFactory.getLogger(AgentExecutors.class);

  static AgentExecutors create() {
    return new AgentExecutors(
        // Netty's own factory: its FastThreadLocalThreads are what its buffer caches expect.
        new MultiThreadIoEventLoopGroup(
            IO_THREADS, new DefaultThreadFactory("edge-io"), NioIoHandler.newFactory()),
        Executors.newSingleThreadScheduledExecutor(NamedThreads.nonDaemon("edge-publisher")),
        Executors.newSingleThreadScheduledExecutor(NamedThreads.nonDaemon("edge-adapters")),
        Executors.newCachedThreadPool(NamedThreads.daemon("edge-adapter-work")),
        Executors.newSingleThreadExecutor(NamedThreads.nonDaemon("edge-outbox")),
        Executors.newSingleThreadScheduledExecutor(NamedThreads.nonDaemon("edge-watchlist")));
  }

  /** Stops every thread; what still runs is interrupted. Blocks for a few seconds at most. */
  @Override
  public void close() {
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    stop(publisher);
    stop(adapters);
    stop(adapterWork);
    stop(outbox);
    stop(watchlist);
  }

  private static void stop(ExecutorService executor) {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        log.warn("an agent thread did not stop within 2s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
