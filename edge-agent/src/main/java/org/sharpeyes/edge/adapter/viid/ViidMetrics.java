package org.sharpeyes.edge.adapter.viid;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code sharpeyes.edge.viid.objects{listener,device,kind,outcome}}: every object of every push, by
 * what became of it. Devices are only the configured ones (others are {@code unknown}), kinds and
 * outcomes are fixed words, so the series are bounded. Thread-safe.
 */
final class ViidMetrics {

  static final String OBJECTS = "sharpeyes.edge.viid.objects";

  private final MeterRegistry meters;
  private final String listener;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  ViidMetrics(MeterRegistry meters, String listener) {
    this.meters = meters;
    this.listener = listener;
  }

  void count(String device, ViidObjectKind kind, String outcome) {
    counters
        .computeIfAbsent(
            device + "|" + kind.tag() + "|" + outcome,
            k ->
                Counter.builder(OBJECTS)
                    .description("GA/T 1400 objects pushed, by device, kind and outcome")
                    .tag("listener", listener)
                    .tag("device", device)
                    .tag("kind", kind.tag())
                    .tag("outcome", outcome)
                    .register(meters))
        .increment();
  }
}
