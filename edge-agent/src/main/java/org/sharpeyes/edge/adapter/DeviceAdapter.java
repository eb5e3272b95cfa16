package org.sharpeyes.edge.adapter;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Speaks to one device in its own protocol and hands what it observes to the {@link
 * org.sharpeyes.edge.outbox.EventSink} as contract events ({@code seq} 0; the sink numbers them).
 *
 * <p>Lifecycle: an {@link AdapterFactory} creates it; the agent calls {@link #start()} once and
 * {@link #stop()} once (also after a failed start). An adapter is never restarted; the agent
 * creates a new one instead. Every adapter reports faults through its {@link AdapterFaults} and
 * keeps its {@link AdapterStatus} up to date.
 */
public interface DeviceAdapter {

  /** The device this adapter serves. */
  DeviceConfig device();

  /**
   * Starts the adapter. Called once, by the agent, on its startup thread (never an event loop).
   *
   * <p>Does not wait for the device: the future completes as soon as the adapter can do its work
   * (its listener is bound, its connect loop is scheduled). A device that is offline is not a start
   * failure; the adapter keeps trying with capped backoff and jitter and shows it in its {@link
   * ConnectionState}. The future fails only for local problems that retrying cannot fix (a port
   * already taken, a model file missing); the status then says {@link ConnectionState#ERROR} and
   * why.
   *
   * @return completes when started; never completes on an event loop thread the caller waits on
   */
  CompletableFuture<Void> start();

  /**
   * Stops the adapter and releases everything it holds: listeners and sockets, connections to the
   * device, threads and timers it started, native resources. Called once, by the agent, on its
   * shutdown thread, after {@link #start()} (also when start failed). Safe to call twice. Events
   * already handed to the sink stay there.
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
