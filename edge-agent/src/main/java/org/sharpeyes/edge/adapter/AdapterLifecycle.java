package org.sharpeyes.edge.adapter;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one lifecycle of every adapter: its status and failure path ({@link AdapterStatusTracker},
 * {@link AdapterFaults}), a single start, a single stop, and one way to fail a start. The adapters
 * used to write these guards and transitions each in their own words.
 *
 * <p>Runtime states go {@code STARTING → STARTED}, or {@code STARTING → STOPPED} when the start
 * fails, then {@code STOPPING → STOPPED}. Thread-safe.
 */
public final class AdapterLifecycle {

  private final DeviceConfig device;
  private final AdapterStatusTracker status;
  private final AdapterFaults faults;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();

  public AdapterLifecycle(DeviceConfig device, AdapterContext context) {
    this.device = device;
    this.status = new AdapterStatusTracker(device, context.clock());
    this.faults = new AdapterFaults(device, status, context.meters(), context.clock());
  }

  public AdapterStatusTracker status() {
    return status;
  }

  public AdapterFaults faults() {
    return faults;
  }

  /**
   * The first thing {@link DeviceAdapter#start()} does: the adapter is {@code STARTING}.
   *
   * @throws IllegalStateException when it was started before (the agent never does that)
   */
  public void starting() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("adapter for " + device.label() + " already started");
    }
    status.runtime(RuntimeState.STARTING);
  }

  /** The adapter does its work now. */
  public void started() {
    status.runtime(RuntimeState.STARTED);
  }

  /**
   * The start failed for a reason retrying cannot fix: reported once as {@code START_FAILED} in
   * {@code message}, the adapter {@code STOPPED}.
   *
   * @return what to fail the start's future with
   */
  public IllegalStateException startFailed(String message, Throwable cause) {
    faults.report(FaultKind.START_FAILED, message, cause);
    status.runtime(RuntimeState.STOPPED);
    return new IllegalStateException(message, cause);
  }

  /** Like {@link #startFailed(String, Throwable)}, in the words of the failure itself. */
  public IllegalStateException startFailed(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String message =
        cause.getMessage() != null
            ? cause.getMessage()
            : "cannot start: " + cause.getClass().getSimpleName();
    return startFailed(message, cause);
  }

  /**
   * The first thing {@link DeviceAdapter#stop()} does.
   *
   * @return {@code true} when this is the first stop (the adapter is {@code STOPPING} now); {@code
   *     false} when it was stopped before, and the caller answers with a completed future
   */
  public boolean stopping() {
    if (!stopped.compareAndSet(false, true)) {
      return false;
    }
    status.runtime(RuntimeState.STOPPING);
    return true;
  }

  /** Whether {@link #stopping()} was called: work still under way should end, not begin. */
  public boolean isStopping() {
    return stopped.get();
  }

  /** Everything is released. */
  public void stopped() {
    status.runtime(RuntimeState.STOPPED);
  }
}
