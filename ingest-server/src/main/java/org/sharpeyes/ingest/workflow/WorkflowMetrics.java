package org.sharpeyes.ingest.workflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The workflow's meters (docs/metrics.md, "Workflow"). */
final class WorkflowMetrics {

  private final MeterRegistry registry;
  final Counter escalatedUnacknowledged;
  final Counter escalatedUnresolved;
  final Counter overdueAtTop;
  final Counter scanRaces;
  final Counter scanFailures;
  final Timer scan;

  WorkflowMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.escalatedUnacknowledged = escalated("acknowledge");
    this.escalatedUnresolved = escalated("resolve");
    this.overdueAtTop =
        Counter.builder("sharpeyes.workflow.overdue.top")
            .description("Deadlines that passed at the top desk (nowhere left to escalate)")
            .register(registry);
    this.scanRaces =
        Counter.builder("sharpeyes.workflow.escalation.raced")
            .description(
                "Due alerts another writer changed first (a user, or another server's scan)")
            .register(registry);
    this.scanFailures =
        Counter.builder("sharpeyes.workflow.escalation.scan.failures")
            .description("Escalation scans that failed (the store was unavailable); retried")
            .register(registry);
    this.scan =
        Timer.builder("sharpeyes.workflow.escalation.scan")
            .description("Time of one escalation scan")
            .register(registry);
  }

  private Counter escalated(String missed) {
    return Counter.builder("sharpeyes.workflow.escalations")
        .description("Alerts moved one level up because a deadline passed")
        .tag("missed", missed)
        .register(registry);
  }

  void step(String action) {
    registry.counter("sharpeyes.workflow.steps", "action", action).increment();
  }

  void refused(String why) {
    registry.counter("sharpeyes.workflow.steps.refused", "why", why).increment();
  }
}
