package org.sharpeyes.ingest.governance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The governance score of a unit (docs/governance.md, "Score"): {@code 100 × Σ weight × component /
 * Σ weight}, over the components that are defined, rounded to one decimal. Each component is a
 * share in [0, 1]; {@code withinGrid} is undefined (left out, the other weights count for more)
 * when no alert started at a village desk. A unit that received no alert has no score. Immutable.
 */
final class Score {

  private final Map<String, Double> weights;

  /**
   * @param weights {@code workflow.governance} weights by component (they sum to 1)
   */
  Score(Map<String, Double> weights) {
    this.weights = Map.copyOf(weights);
  }

  Map<String, Double> weights() {
    return weights;
  }

  /** The components of a unit's figures, in the documented order; {@code null}: undefined. */
  static Map<String, Double> components(Figures f) {
    Map<String, Double> c = new LinkedHashMap<>();
    c.put("acknowledgedOnTime", f.share(f.acknowledgedOnTime()));
    c.put("resolved", f.share(f.resolved()));
    c.put("resolvedOnTime", f.share(f.resolvedOnTime()));
    c.put("withinGrid", f.received() == 0 ? null : f.withinGridShare());
    Double fp = f.share(f.falsePositive());
    c.put("notFalsePositive", fp == null ? null : 1 - fp);
    return c;
  }

  /** The score from 0 to 100, or {@code null} when the unit received no alert. */
  Double of(Figures f) {
    if (f.received() == 0) {
      return null;
    }
    double sum = 0;
    double weight = 0;
    for (Map.Entry<String, Double> c : components(f).entrySet()) {
      Double w = weights.get(c.getKey());
      if (c.getValue() != null && w != null) {
        sum += w * c.getValue();
        weight += w;
      }
    }
    return weight == 0 ? null : Math.round(1000 * sum / weight) / 10.0;
  }
}
