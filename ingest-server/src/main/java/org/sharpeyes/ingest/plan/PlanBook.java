package org.sharpeyes.ingest.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Every plan of one load of plans.yaml.
 *
 * @param version the first 12 hex digits of the file's SHA-256 ({@code none} without a file)
 * @param loadedAt when it was loaded
 */
public record PlanBook(Map<String, Plan> plans, String version, Instant loadedAt) {

  public PlanBook {
    plans = Map.copyOf(plans);
  }

  public Optional<Plan> forRule(String rule) {
    return Optional.ofNullable(plans.get(rule));
  }
}
