package org.sharpeyes.edge.adapter.gate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The per-controller meters (tag {@code device}: the controller's id); see {@code docs/metrics.md}.
 */
final class GateMetrics {

  private GateMetrics() {}

  static void register(
      MeterRegistry meters, String device, GateCounters c, LongSupplier evictedIds, Clock clock) {
    counter(
        meters,
        device,
        c,
        "sharpeyes.edge.gate.connect.attempts",
        GateCounters::connectAttempts,
        "connection attempts, successful or not");
    counter(
        meters,
        device,
        c,
        "sharpeyes.edge.gate.connects",
        GateCounters::connects,
        "sessions opened and subscribed");
    counter(
        meters,
        device,
        c,
        "sharpeyes.edge.gate.sessions.lost",
        GateCounters::sessionsLost,
        "open sessions lost; each is followed by a reconnect");
    FunctionCounter.builder("sharpeyes.edge.gate.events", c, GateCounters::doorAccess)
        .description("events handed to the outbox")
        .tags("device", device, "kind", "door.access")
        .register(meters);
    FunctionCounter.builder("sharpeyes.edge.gate.events", c, GateCounters::doorState)
        .description("events handed to the outbox")
        .tags("device", device, "kind", "door.state")
        .register(meters);
    FunctionCounter.builder("sharpeyes.edge.gate.duplicates", c, GateCounters::accessDuplicates)
        .description("reports not published again: an EventId seen before, a state unchanged")
        .tags("device", device, "kind", "door.access")
        .register(meters);
    FunctionCounter.builder("sharpeyes.edge.gate.duplicates", c, GateCounters::stateDuplicates)
        .description("reports not published again: an EventId seen before, a state unchanged")
        .tags("device", device, "kind", "door.state")
        .register(meters);
    for (String field : GateCounters.FIELDS) {
      FunctionCounter.builder("sharpeyes.edge.gate.unmapped", c, x -> x.unmapped(field))
          .description("values the profile does not map; the item is reported and skipped")
          .tags("device", device, "field", field)
          .register(meters);
    }
    counter(
        meters,
        device,
        c,
        "sharpeyes.edge.gate.events.ignored",
        GateCounters::ignored,
        "events from a source that is not a watched door");
    counter(
        meters,
        device,
        c,
        "sharpeyes.edge.gate.server.queue.overflows",
        GateCounters::serverOverflows,
        "times the controller dropped events queued for us (EventQueueOverflow events)");
    FunctionCounter.builder("sharpeyes.edge.gate.event.ids.evicted", evictedIds, s -> s.getAsLong())
        .description("event ids forgotten to stay within eventIdMemory")
        .tag("device", device)
        .register(meters);
    Gauge.builder("sharpeyes.edge.gate.doors", c, GateCounters::doors)
        .description("doors watched now; 0 while not connected")
        .tag("device", device)
        .register(meters);
    Gauge.builder(
            "sharpeyes.edge.gate.events.per.minute", c, x -> x.eventsLastMinute(clock.instant()))
        .description("events handed to the outbox in the last 60 seconds")
        .tag("device", device)
        .register(meters);
  }

  private static void counter(
      MeterRegistry meters,
      String device,
      GateCounters c,
      String name,
      ToDoubleFunction<GateCounters> f,
      String description) {
    FunctionCounter.builder(name, c, f)
        .description(description)
        .tag("device", device)
        .register(meters);
  }
}
