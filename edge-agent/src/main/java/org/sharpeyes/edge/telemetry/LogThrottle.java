package org.sharpeyes.edge.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets at most one log line per key through per interval, and says how many were held back, so a
 * device that sends garbage ten times a second cannot flood the log. The metric still counts every
 * occurrence. Keys must be few (a device id and a reason word, never free text). Thread-safe.
 */
public final class LogThrottle {

  /** Above this many keys the table is cleared: a bound, not an expected case. */
  static final int MAX_KEYS = 4096;

  private final Clock clock;
  private final Duration interval;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public LogThrottle(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  /**
   * Whether to log now for this key.
   *
   * @return empty to stay quiet; otherwise how many lines for this key were held back since the
   *     last one logged
   */
  public OptionalLong permit(String key) {
    if (windows.size() > MAX_KEYS) {
      windows.clear();
    }
    Instant now = clock.instant();
    Window w = windows.computeIfAbsent(key, k -> new Window());
    synchronized (w) {
      if (w.lastLogged == null || !now.isBefore(w.lastLogged.plus(interval))) {
        long held = w.held;
        w.lastLogged = now;
        w.held = 0;
        return OptionalLong.of(held);
      }
      w.held++;
      return OptionalLong.empty();
    }
  }

  /** A log line suffix saying how many similar lines were held back; empty for none. */
  public static String heldBack(long held) {
    return held > 0 ? " (" + held + " similar not logged)" : "";
  }

  private static final class Window {
    private Instant lastLogged;
    private long held;
  }
}
