package org.sharpeyes.it.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the monkeys did, in the order it happened, timed from the start of sending. Thread-safe. */
final class ChaosJournal {

  private record Entry(String target, Instant at, long atNanos, Instant readyAt, String line) {}

  /** One kill of a child: when it was killed and when it answered as ready again (wall clock). */
  record Outage(Instant killed, Instant ready) {}

  private final long startNanos;
  private final List<Entry> entries = new ArrayList<>();

  ChaosJournal(long startNanos) {
    this.startNanos = startNanos;
  }

  /**
   * @param target the child killed
   * @param at when it was killed, wall clock (to compare with event ids, which are UUIDv7)
   * @param atNanos the same moment on the monotonic clock
   * @param readyAt when it was ready again after the restart, wall clock
   */
  synchronized void record(String target, Instant at, long atNanos, Instant readyAt, String line) {
    entries.add(new Entry(target, at, atNanos, readyAt, line));
  }

  /** One line per kill, earliest first, each prefixed with its time since the start. */
  synchronized List<String> lines() {
    return entries.stream()
        .sorted(Comparator.comparingLong(Entry::atNanos))
        .map(e -> String.format("t+%5.1fs %s", (e.atNanos() - startNanos) / 1e9, e.line()))
        .toList();
  }

  /** When the named child was killed, earliest first. */
  synchronized List<Instant> killsOf(String target) {
    return entries.stream().filter(e -> e.target().equals(target)).map(Entry::at).sorted().toList();
  }

  /** The named child's outages, from each kill until it was ready again, earliest first. */
  synchronized List<Outage> outagesOf(String target) {
    return entries.stream()
        .filter(e -> e.target().equals(target))
        .sorted(Comparator.comparing(Entry::at))
        .map(e -> new Outage(e.at(), e.readyAt()))
        .toList();
  }
}
