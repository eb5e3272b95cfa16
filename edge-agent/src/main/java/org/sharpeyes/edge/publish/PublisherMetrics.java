package org.sharpeyes.edge.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.sharpeyes.edge.telemetry.EdgeMetrics;
import org.sharpeyes.schema.event.EventType;

/** The publisher's meters. Thread-safe. */
final class PublisherMetrics {

  private final Map<EventType, Counter> published = new EnumMap<>(EventType.class);
  private final Counter snapshots;
  private final Counter failures;
  private final Counter reconnects;
  private final Timer latency;

  private final MeterRegistry meters;

  PublisherMetrics(MeterRegistry meters) {
    this.meters = meters;
    for (EventType type : EventType.values()) {
      published.put(
          type,
          Counter.builder(EdgeMetrics.EVENTS_PUBLISHED)
              .description("Events acknowledged by the broker (PUBACK)")
              .tag("type", type.kind())
              .register(meters));
    }
    snapshots =
        Counter.builder(EdgeMetrics.SNAPSHOTS_PUBLISHED)
            .description("Snapshots acknowledged by the broker")
            .register(meters);
    failures =
        Counter.builder(EdgeMetrics.PUBLISH_FAILURES)
            .description("Publish attempts that failed and were queued again")
            .register(meters);
    reconnects =
        Counter.builder(EdgeMetrics.BROKER_RECONNECTS)
            .description("Connection attempts after a failure or a lost connection")
            .register(meters);
    latency =
        Timer.builder(EdgeMetrics.PUBLISH_LATENCY)
            .description("From the sink taking an event to the broker acknowledging it")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(meters);
  }

  /** Registers the connection state gauge, one time series per state. */
  void watchState(Supplier<PublisherState> state) {
    for (PublisherState s : PublisherState.values()) {
      Gauge.builder(EdgeMetrics.BROKER_STATE, state, st -> st.get() == s ? 1 : 0)
          .description("1 for the current broker connection state, 0 for the others")
          .tag("state", s.name().toLowerCase(java.util.Locale.ROOT))
          // Micrometer holds gauge state weakly; nothing else holds this supplier.
          .strongReference(true)
          .register(meters);
    }
  }

  void published(EventType type, boolean withSnapshot, Duration sinceReceipt) {
    published.get(type).increment();
    if (withSnapshot) {
      snapshots.increment();
    }
    latency.record(sinceReceipt.isNegative() ? Duration.ZERO : sinceReceipt);
  }

  void failed() {
    failures.increment();
  }

  void reconnecting() {
    reconnects.increment();
  }

  long reconnects() {
    return (long) reconnects.count();
  }
}
