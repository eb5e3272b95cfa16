package org.sharpeyes.edge.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.sharpeyes.edge.telemetry.EdgeMetrics;
import org.sharpeyes.edge.telemetry.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's meters, and the one path for its drops and failures: each is counted and logged at
 * most once a minute per kind, with how many were not logged since. Thread-safe.
 */
final class OutboxMetrics {

  private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

  static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
  static final String REFUSED_STOPPING = "stopping";
  static final String REFUSED_BEHIND = "behind";
  static final String REFUSED_TOO_LARGE = "too-large";
  static final String REFUSED_WRITE_FAILED = "write-failed";

  private final MeterRegistry meters;
  private final Path path;
  private final long maxEvents;
  private final long maxBytes;
  private final LogThrottle throttle;
  private final Counter droppedEvents;
  private final Counter droppedSnapshots;
  private final Map<String, Counter> refused;
  private final Counter redelivered;
  private final Timer commits;
  private final DistributionSummary batches;

  OutboxMetrics(MeterRegistry meters, OutboxConfig config, Clock clock) {
    this.meters = meters;
    this.path = config.path();
    this.maxEvents = config.maxEvents();
    this.maxBytes = config.maxBytes();
    this.throttle = new LogThrottle(clock, LOG_INTERVAL);
    droppedEvents = dropCounter("event");
    droppedSnapshots = dropCounter("snapshot");
    refused =
        Map.of(
            REFUSED_STOPPING, refusedCounter(REFUSED_STOPPING),
            REFUSED_BEHIND, refusedCounter(REFUSED_BEHIND),
            REFUSED_TOO_LARGE, refusedCounter(REFUSED_TOO_LARGE),
            REFUSED_WRITE_FAILED, refusedCounter(REFUSED_WRITE_FAILED));
    redelivered =
        Counter.builder(EdgeMetrics.OUTBOX_REDELIVERED)
            .description("Events published again after a restart or a lost connection")
            .register(meters);
    commits =
        Timer.builder(EdgeMetrics.OUTBOX_COMMIT)
            .description("Time to write one batch durably (transaction and sync)")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    batches =
        DistributionSummary.builder(EdgeMetrics.OUTBOX_BATCH)
            .description("Events written per batch")
            .baseUnit("events")
            .register(meters);
  }

  private Counter dropCounter(String kind) {
    return Counter.builder(EdgeMetrics.OUTBOX_DROPPED)
        .description("Items dropped to stay within the outbox bounds")
        .tag("kind", kind)
        .register(meters);
  }

  private Counter refusedCounter(String reason) {
    return Counter.builder(EdgeMetrics.OUTBOX_REFUSED)
        .description("Events refused (the device was told to retry)")
        .tag("reason", reason)
        .register(meters);
  }

  /** Registers the gauges; the suppliers must be cheap and thread-safe. */
  <T> void watch(
      T outbox,
      ToDoubleFunction<T> depth,
      ToDoubleFunction<T> inFlight,
      ToDoubleFunction<T> bytes,
      Supplier<Double> oldestAgeSeconds) {
    Gauge.builder(EdgeMetrics.OUTBOX_DEPTH, outbox, depth)
        .description("Events in the outbox, waiting or in flight")
        .register(meters);
    Gauge.builder(EdgeMetrics.OUTBOX_IN_FLIGHT, outbox, inFlight)
        .description("Events sent and not yet acknowledged by the broker")
        .register(meters);
    Gauge.builder(EdgeMetrics.OUTBOX_BYTES, outbox, bytes)
        .description("Payload bytes in the outbox (events and snapshots)")
        .baseUnit("bytes")
        .register(meters);
    Gauge.builder(EdgeMetrics.OUTBOX_OLDEST_AGE, oldestAgeSeconds, Supplier::get)
        .description("Age of the oldest event in the outbox; 0 when empty")
        .baseUnit("seconds")
        .strongReference(true)
        .register(meters);
  }

  void dropped(OutboxBounds.Drop d) {
    boolean event = d.kind().equals("event");
    (event ? droppedEvents : droppedSnapshots).increment();
    throttle
        .permit("dropped-" + d.kind())
        .ifPresent(
            held -> {
              String what =
                  event
                      ? "event seq "
                          + d.seq()
                          + " ("
                          + d.type()
                          + " from device "
                          + d.deviceId()
                          + ") — the server will see a gap in seq"
                      : "the snapshot of event seq " + d.seq();
              log.warn(
                  "outbox full (outbox.maxEvents {}, outbox.maxBytes {}): dropped {}{}",
                  maxEvents,
                  maxBytes,
                  what,
                  LogThrottle.heldBack(held));
            });
  }

  void refused(String reason) {
    refused.get(reason).increment();
  }

  /** A batch could not be written; its events were refused. */
  void writeFailed(int events, Throwable cause) {
    refused.get(REFUSED_WRITE_FAILED).increment(events);
    throttle
        .permit("write-failed")
        .ifPresent(
            held ->
                log.error(
                    "cannot write to the outbox {}: {}; {} events refused{}",
                    path,
                    cause.toString(),
                    events,
                    LogThrottle.heldBack(held)));
  }

  void redelivered() {
    redelivered.increment();
  }

  Timer.Sample startCommit() {
    return Timer.start(meters);
  }

  void committed(Timer.Sample sample, int events) {
    sample.stop(commits);
    batches.record(events);
  }

  long droppedEvents() {
    return (long) droppedEvents.count();
  }

  long droppedSnapshots() {
    return (long) droppedSnapshots.count();
  }

  long refused() {
    return (long) refused.values().stream().mapToDouble(Counter::count).sum();
  }

  long redeliveredCount() {
    return (long) redelivered.count();
  }
}
