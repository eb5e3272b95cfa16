package org.sharpeyes.ingest.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The audit record's meters ({@code docs/metrics.md}): rows written by action and outcome, and
 * appends that could not be written. Thread-safe.
 */
public final class AuditMetrics {

  public static final String RECORDS = "sharpeyes.audit.records";
  public static final String FAILURES = "sharpeyes.audit.failures";

  private final MeterRegistry registry;
  private final Counter failures;

  public AuditMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.failures =
        Counter.builder(FAILURES)
            .description("audit entries that could not be written (the store was unavailable)")
            .register(registry);
  }

  /** A row was written. The action and outcome are labels: both come from a short fixed list. */
  void recorded(String action, String outcome) {
    Counter.builder(RECORDS)
        .description("audit rows written, by action and outcome")
        .tag("action", action)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void failed() {
    failures.increment();
  }
}
