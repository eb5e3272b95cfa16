package org.sharpeyes.edge.adapter;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The mutable status behind {@link AdapterStatus}, written by an adapter from any of its threads
 * and read by {@code /status}. Thread-safe; every method is short and never blocks for long.
 */
public final class AdapterStatusTracker {

  private final DeviceConfig device;
  private RuntimeState runtime = RuntimeState.STOPPED;
  private ConnectionState connection = ConnectionState.DISCONNECTED;
  private String endpoint;
  private String lastError;
  private Instant lastErrorAt;
  private Instant lastEventAt;
  private long eventsAccepted;
  private long inputsRejected;
  private long eventsRefused;
  private long failures;
  private Instant lastContactAt;
  private final Map<String, String> details = new HashMap<>();

  /** Bounds the details an adapter may publish, so a bug cannot grow the status without limit. */
  static final int MAX_DETAILS = 32;

  private final Clock clock;

  /** A tracker whose {@link #contact()} does not record when (no clock). */
  public AdapterStatusTracker(DeviceConfig device) {
    this(device, null);
  }

  /**
   * @param clock the adapter's clock: {@link #contact()} records {@code lastContactAt} on it
   */
  public AdapterStatusTracker(DeviceConfig device, Clock clock) {
    this.device = device;
    this.clock = clock;
  }

  public synchronized void runtime(RuntimeState state) {
    runtime = state;
  }

  public synchronized void connection(ConnectionState state) {
    connection = state;
  }

  public synchronized void endpoint(String where) {
    endpoint = where;
  }

  /**
   * The device reached us or we reached it; an earlier link error no longer holds. Records {@code
   * lastContactAt} when the tracker has a clock.
   */
  public synchronized void contact() {
    contact(clock == null ? null : clock.instant());
  }

  /** Like {@link #contact()}, at {@code at} ({@code null}: when is not known). */
  public synchronized void contact(Instant at) {
    if (connection != ConnectionState.CONNECTED) {
      connection = ConnectionState.CONNECTED;
    }
    if (at != null) {
      lastContactAt = at;
    }
  }

  /**
   * Sets one kind-specific fact shown in the status ({@code null} removes it). At most {@value
   * #MAX_DETAILS} names are kept; further new names are ignored.
   */
  public synchronized void detail(String name, String value) {
    if (value == null) {
      details.remove(name);
    } else if (details.containsKey(name) || details.size() < MAX_DETAILS) {
      details.put(name, value);
    }
  }

  public synchronized void eventAccepted(Instant at) {
    eventsAccepted++;
    lastEventAt = at;
  }

  /** Records a fault; called only by {@link AdapterFaults}, the one failure path. */
  synchronized void fault(FaultKind kind, String message, Instant at) {
    lastError = message;
    lastErrorAt = at;
    switch (kind) {
      case INPUT_REJECTED, AUTH_REFUSED -> inputsRejected++;
      case SINK_REFUSED -> eventsRefused++;
      default -> failures++;
    }
    if (kind.linkFault()) {
      boolean needsFixing = kind == FaultKind.START_FAILED || kind == FaultKind.LINK_REFUSED;
      connection = needsFixing ? ConnectionState.ERROR : ConnectionState.DISCONNECTED;
    }
  }

  public synchronized AdapterStatus snapshot() {
    return new AdapterStatus(
        device.id(),
        device.name(),
        device.kind(),
        runtime,
        connection,
        endpoint,
        lastError,
        lastErrorAt,
        lastEventAt,
        new AdapterStatus.Counters(eventsAccepted, inputsRejected, eventsRefused, failures),
        lastContactAt,
        details);
  }
}
