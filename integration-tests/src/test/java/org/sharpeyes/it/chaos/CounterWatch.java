package org.sharpeyes.it.chaos;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Prometheus counters of children that get killed. A counter starts again from zero in every life
 * of a process, and what it counted since the last scrape dies with it; so the watch scrapes often
 * and adds up, per counter, the last value seen in each life. The total is a lower bound of what
 * happened. Thread-safe.
 */
final class CounterWatch {

  private final List<Watched> watched;
  private final Map<String, Map<Integer, Double>> lastByLife = new ConcurrentHashMap<>();

  /** One child and the counters read from it (each summed over all its series). */
  record Watched(ChildService child, Supplier<Optional<String>> scrape, List<String> counters) {}

  CounterWatch(List<Watched> watched) {
    this.watched = List.copyOf(watched);
  }

  /** Scrapes every child that is up; children that are down are skipped. */
  void scrapeAll() {
    for (Watched w : watched) {
      int life = w.child().lives();
      Optional<String> text = w.scrape().get();
      if (text.isEmpty() || w.child().lives() != life) {
        continue;
      }
      for (String counter : w.counters()) {
        double value = sum(text.get(), counter);
        lastByLife
            .computeIfAbsent(key(w.child(), counter), k -> new ConcurrentHashMap<>())
            .merge(life, value, Math::max);
      }
    }
  }

  /** The counter added up over the child's lives, as far as it was seen. */
  long total(ChildService child, String counter) {
    Map<Integer, Double> lives = lastByLife.getOrDefault(key(child, counter), Map.of());
    return Math.round(lives.values().stream().mapToDouble(Double::doubleValue).sum());
  }

  private static String key(ChildService child, String counter) {
    return child.name() + "/" + counter;
  }

  /**
   * Sum of every series of {@code name} in Prometheus text format, e.g. {@code name{type="a"} 3.0}.
   */
  static double sum(String prometheusText, String name) {
    double total = 0;
    for (String line : prometheusText.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      if (!rest.startsWith("{") && !rest.startsWith(" ")) {
        continue; // another metric whose name starts with this one
      }
      String value = line.substring(line.lastIndexOf(' ') + 1);
      try {
        total += Double.parseDouble(value);
      } catch (NumberFormatException e) {
        // a line this parser does not understand counts as nothing
      }
    }
    return total;
  }
}
