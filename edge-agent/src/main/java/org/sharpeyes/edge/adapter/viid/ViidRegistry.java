package org.sharpeyes.edge.adapter.viid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.FaultKind;

/**
 * Which of a listener's capture devices are registered, from which address, and when each was last
 * heard from; publishes it in the adapter's status details ({@code registered}, {@code
 * registeredAt}, {@code lastKeepaliveAt}, and the same per device as {@code <id>.registered}…). Any
 * accepted request of a registered device keeps it alive (as GA/T 1400 platforms do); a device
 * silent for {@code keepaliveTimeout} is unregistered and reported through the failure path as "no
 * keepalive for …", which marks the adapter {@code DISCONNECTED} unless another of its devices is
 * still registered. Thread-safe.
 */
final class ViidRegistry {

  private static final class Session {
    boolean registered;
    String address;
    Instant registeredAt;
    Instant lastKeepaliveAt;
    Instant lastSeen;
  }

  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final Duration keepaliveTimeout;
  private final Clock clock;
  private final AdapterStatusTracker status;
  private final AdapterFaults faults;

  ViidRegistry(
      List<String> deviceIds,
      Duration keepaliveTimeout,
      Clock clock,
      AdapterStatusTracker status,
      AdapterFaults faults) {
    deviceIds.forEach(id -> sessions.put(id, new Session()));
    this.keepaliveTimeout = keepaliveTimeout;
    this.clock = clock;
    this.status = status;
    this.faults = faults;
    synchronized (this) {
      publish();
    }
  }

  /** Whether {@code id} is one of this listener's devices. */
  boolean known(String id) {
    return id != null && sessions.containsKey(id);
  }

  /** Registers a device (again); {@code address} is the remote IP its pushes must come from. */
  synchronized void register(String id, String address) {
    Session s = sessions.get(id);
    Instant now = clock.instant();
    s.registered = true;
    s.address = address;
    s.registeredAt = now;
    s.lastKeepaliveAt = now;
    s.lastSeen = now;
    status.contact(now);
    publish();
  }

  synchronized void unregister(String id) {
    Session s = sessions.get(id);
    s.registered = false;
    publish();
    if (noneRegistered()) {
      status.connection(ConnectionState.DISCONNECTED);
    }
  }

  /**
   * Whether {@code id} is registered from {@code address}; when it is, the request counts as a sign
   * of life.
   *
   * @param keepalive whether the request is a keepalive (recorded as {@code lastKeepaliveAt})
   */
  synchronized boolean alive(String id, String address, boolean keepalive) {
    Session s = sessions.get(id);
    if (s == null || !s.registered || !s.address.equals(address)) {
      return false;
    }
    Instant now = clock.instant();
    s.lastSeen = now;
    if (keepalive) {
      s.lastKeepaliveAt = now;
      publish();
    }
    status.contact(now);
    return true;
  }

  synchronized boolean registered(String id) {
    Session s = sessions.get(id);
    return s != null && s.registered;
  }

  /** Unregisters the devices silent for longer than the timeout; called by the adapter's timer. */
  synchronized void expire() {
    Instant now = clock.instant();
    boolean changed = false;
    for (Map.Entry<String, Session> e : sessions.entrySet()) {
      Session s = e.getValue();
      if (s.registered && now.isAfter(s.lastSeen.plus(keepaliveTimeout))) {
        s.registered = false;
        changed = true;
        faults.report(
            FaultKind.DEVICE_UNREACHABLE,
            "device "
                + e.getKey()
                + ": no keepalive for "
                + keepaliveTimeout.toSeconds()
                + "s (since "
                + s.lastSeen
                + "); it must register again",
            null);
      }
    }
    if (changed) {
      publish();
      if (!noneRegistered()) {
        status.contact(); // the other devices are still here
      }
    }
  }

  private boolean noneRegistered() {
    return sessions.values().stream().noneMatch(s -> s.registered);
  }

  private void publish() {
    Instant registeredAt = null;
    Instant keepaliveAt = null;
    for (Map.Entry<String, Session> e : sessions.entrySet()) {
      Session s = e.getValue();
      String id = e.getKey();
      status.detail(id + ".registered", Boolean.toString(s.registered));
      status.detail(id + ".registeredAt", text(s.registeredAt));
      status.detail(id + ".lastKeepaliveAt", text(s.lastKeepaliveAt));
      registeredAt = latest(registeredAt, s.registeredAt);
      keepaliveAt = latest(keepaliveAt, s.lastKeepaliveAt);
    }
    status.detail("registered", Boolean.toString(!noneRegistered()));
    status.detail("registeredAt", text(registeredAt));
    status.detail("lastKeepaliveAt", text(keepaliveAt));
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
