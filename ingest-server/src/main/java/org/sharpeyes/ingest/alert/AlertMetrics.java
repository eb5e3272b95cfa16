package org.sharpeyes.ingest.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.sharpeyes.ingest.reference.Severity;

/** The alert module's meters; names as Prometheus shows them are in docs/metrics.md. */
final class AlertMetrics {

  private final MeterRegistry registry;

  AlertMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void raised(String rule, Severity severity) {
    Counter.builder("sharpeyes.alerts.raised")
        .description("New alerts raised")
        .tag("rule", rule)
        .tag("severity", severity.label())
        .register(registry)
        .increment();
  }

  void folded(String rule) {
    Counter.builder("sharpeyes.alerts.folded")
        .description("Sightings folded into an open alert instead of raising a new one")
        .tag("rule", rule)
        .register(registry)
        .increment();
  }

  /** Stored event received → alert committed and handed to the live feed. */
  void latency(String rule, Duration latency) {
    Timer.builder("sharpeyes.alert.latency")
        .description("From receiving the event to publishing its alert")
        .tag("rule", rule)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(2))
        .register(registry)
        .record(latency.isNegative() ? Duration.ZERO : latency);
  }

  void failed(String rule, String stage) {
    Counter.builder("sharpeyes.alert.failures")
        .description("Events a rule could not evaluate or whose alert could not be stored")
        .tag("rule", rule)
        .tag("stage", stage)
        .register(registry)
        .increment();
  }

  void unlocated(String rule) {
    Counter.builder("sharpeyes.alerts.unlocated")
        .description("Alerts raised for a device missing from the reference data")
        .tag("rule", rule)
        .register(registry)
        .increment();
  }
}
