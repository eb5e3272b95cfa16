package org.sharpeyes.edge.adapter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.sharpeyes.edge.telemetry.EdgeMetrics;
import org.sharpeyes.edge.telemetry.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure path of an adapter: every fault is logged with the device id (at most once a
 * minute per kind, with a count of the lines held back), recorded in the adapter's status, and
 * counted in {@code sharpeyes.edge.device.faults{device,kind}}. Thread-safe.
 */
public final class AdapterFaults {

  private static final Logger log = LoggerFactory.getLogger(AdapterFaults.class);

  private final DeviceConfig device;
  private final AdapterStatusTracker status;
  private final Clock clock;
  private final LogThrottle throttle;
  private final Map<FaultKind, Counter> counters = new EnumMap<>(FaultKind.class);

  public AdapterFaults(
      DeviceConfig device, AdapterStatusTracker status, MeterRegistry meters, Clock clock) {
    this.device = device;
    this.status = status;
    this.clock = clock;
    this.throttle = new LogThrottle(clock, Duration.ofMinutes(1));
    for (FaultKind kind : FaultKind.values()) {
      counters.put(
          kind,
          Counter.builder(EdgeMetrics.DEVICE_FAULTS)
              .description("Faults per device and kind")
              .tag("device", device.id())
              .tag("kind", kind.tag())
              .register(meters));
    }
  }

  /**
   * Reports a fault.
   *
   * @param kind what kind of fault
   * @param message what happened, in words an operator understands (no stack trace)
   * @param cause the exception behind it, or {@code null}; logged only for {@link
   *     FaultKind#INTERNAL}
   */
  public void report(FaultKind kind, String message, Throwable cause) {
    counters.get(kind).increment();
    status.fault(kind, message, clock.instant());
    throttle
        .permit(kind.tag())
        .ifPresent(
            held -> {
              String line = "device {} [{}]: {}{}";
              String suffix = LogThrottle.heldBack(held);
              if (kind == FaultKind.INTERNAL) {
                log.error(line, device.label(), kind.tag(), message, suffix, cause);
              } else {
                log.warn(line, device.label(), kind.tag(), message, suffix);
              }
            });
  }
}
