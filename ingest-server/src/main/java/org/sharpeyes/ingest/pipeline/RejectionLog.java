package org.sharpeyes.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs rejected messages at WARN, at most once per reason per interval, so that a misbehaving edge
 * cannot flood the log. The rest are counted (and all of them are dead-lettered and in the
 * metrics); the next line for that reason says how many were not logged. Thread-safe.
 */
final class RejectionLog {

  private static final Logger LOG = LoggerFactory.getLogger("org.sharpeyes.ingest.rejected");

  private final Clock clock;
  private final Duration interval;
  private final Map<String, Window> windows = new HashMap<>();

  RejectionLog(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  /** Returns whether the line was logged (rather than counted as suppressed). */
  synchronized boolean rejected(String reason, String topic, String detail) {
    Instant now = clock.instant();
    Window w = windows.get(reason);
    if (w != null && now.isBefore(w.start.plus(interval))) {
      w.suppressed++;
      return false;
    }
    long suppressed = w == null ? 0 : w.suppressed;
    windows.put(reason, new Window(now));
    if (suppressed > 0) {
      LOG.warn(
          "rejected ({}) message on {}: {} [{} more '{}' rejection(s) not logged in the last {}]",
          reason,
          topic,
          detail,
          suppressed,
          reason,
          interval);
    } else {
      LOG.warn("rejected ({}) message on {}: {}", reason, topic, detail);
    }
    return true;
  }

  private static final class Window {
    final Instant start;
    long suppressed;

    Window(Instant start) {
      this.start = start;
    }
  }
}
