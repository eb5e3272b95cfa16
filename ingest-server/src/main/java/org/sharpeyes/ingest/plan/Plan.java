package org.sharpeyes.ingest.plan;

import java.util.List;

/**
 * A disposal plan (处置预案): the short checklist a desk follows for an alert of one rule.
 *
 * @param rule the rule id, e.g. {@code plate-hotlist}
 * @param title e.g. {@code 布控车辆预警处置 — hotlisted vehicle}
 * @param steps the steps, in order; a step is named by its 1-based number
 */
public record Plan(String rule, String title, List<String> steps) {

  public Plan {
    steps = List.copyOf(steps);
  }
}
