package org.sharpeyes.edge.watchlist;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The watchlist's meters, documented in {@code docs/metrics.md}. */
final class WatchlistMetrics {

  private final MeterRegistry meters;
  private final Counter refused;
  private final Map<String, Counter> photos = new ConcurrentHashMap<>();

  WatchlistMetrics(
      MeterRegistry meters, Supplier<AppliedWatchlist> applied, List<ModelGroup> groups) {
    this.meters = meters;
    this.refused =
        Counter.builder("sharpeyes_edge_watchlist_manifests_refused")
            .description("Watchlist manifests refused (not JSON, too large, breaking a rule)")
            .register(meters);
    Gauge.builder("sharpeyes_edge_watchlist_version", () -> applied.get().version())
        .description("Version of the watchlist the cameras match against")
        .register(meters);
    Gauge.builder(
            "sharpeyes_edge_watchlist_persons", () -> applied.get().manifest().persons().size())
        .description("Persons on the applied watchlist")
        .register(meters);
    for (ModelGroup g : groups) {
      Gauge.builder(
              "sharpeyes_edge_watchlist_templates", () -> applied.get().templateCount(g.modelId()))
          .description("Templates the cameras match against, by model")
          .tag("model", g.modelId())
          .register(meters);
    }
  }

  void refused() {
    refused.increment();
  }

  /**
   * @param result {@code enrolled}, {@code cached} (template read from disk) or {@code failed}
   */
  void photo(String result) {
    photos
        .computeIfAbsent(
            result,
            r ->
                Counter.builder("sharpeyes_edge_watchlist_photos")
                    .description(
                        "Watchlist photos by result: enrolled, cached (template from disk), failed")
                    .tag("result", r)
                    .register(meters))
        .increment();
  }
}
