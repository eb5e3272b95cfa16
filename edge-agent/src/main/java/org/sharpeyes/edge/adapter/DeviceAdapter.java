package org.sharpeyes.edge.adapter;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Speaks to one device in its own protocol and hands what it observes, as contract events ({@code
 * seq} 0; the outbox numbers them), to the {@link EventOffers} its {@link AdapterContext} gives it.
 *
 * <p>Lifecycle: the {@link AdapterFactory} of its kind creates it; the agent calls {@link #start()}
 * once and {@link #stop()} once (also after a failed start). An adapter is never restarted; the
 * agent creates a new one instead. Every adapter reports faults through its {@link AdapterFaults}
 * and keeps its {@link AdapterStatus} up to date.
 *
 * <p>Threads: an adapter creates none. It runs on the executors of its {@link AdapterContext}
 * (Netty event loops, the shared timer, the blocking executor), which the agent owns, creates
 * before the first start and shuts down after the last stop. What the adapter opens on them —
 * listeners, connections, timers, long-running tasks, native resources such as models — is its own
 * and {@link #stop()} releases it.
 */
public interface DeviceAdapter {

  /** The device this adapter serves. */
  DeviceConfig device();

  /**
   * Starts the adapter. Called once, by the agent, on its startup thread (never an event loop).
   * Returns at once: slow or blocking preparation (loading models, reading key stores) runs on the
   * context's {@link AdapterContext#blocking() blocking} executor, never on the caller's thread.
   *
   * <p>Does not wait for the device: the future completes as soon as the adapter can do its work —
   * its models are loaded, its listener is bound, its connect loop is scheduled. A device that is
   * offline is not a start failure; the adapter keeps trying with capped backoff and jitter and
   * shows it in its {@link ConnectionState}. The future fails only for local problems that retrying
   * cannot fix (a port already taken, a model file that cannot be loaded, a credential variable not
   * set), with a message that names what is wrong and where (the port, the file, the variable); the
   * status then says {@link ConnectionState#ERROR} with the same message.
   *
   * @return completes when started; never completes on an event loop thread the caller waits on
   */
  CompletableFuture<Void> start();

  /**
   * Stops the adapter and releases everything it holds: listeners and sockets, connections to the
   * device, timers and tasks it put on the context's executors (a long-running task returns),
   * native resources. Called once, by the agent, on its shutdown thread, after {@link #start()}
   * (also when start failed, and possibly before a start still in progress has completed: the
   * adapter then releases what that start prepares). Safe to call twice. Never blocks the caller;
   * the agent waits on the future for a bounded time. Events already offered stay in the outbox.
   *
   * @return completes when everything is released
   */
  CompletableFuture<Void> stop();

  /** The current status. Cheap, thread-safe, never blocks. */
  AdapterStatus status();

  /** The local port the adapter listens on once started, for adapters that listen. */
  default OptionalInt listenPort() {
    return OptionalInt.empty();
  }
}
