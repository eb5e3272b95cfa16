package org.sharpeyes.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The ingest pipeline's meters, named once here. Every meter is listed in {@code docs/metrics.md}
 * (Prometheus names there: dots become underscores, counters end in {@code _total}, timers in
 * {@code _seconds}). Thread-safe.
 */
public final class IngestMetrics {

  public static final String RECEIVED = "sharpeyes.ingest.received";
  public static final String ACCEPTED = "sharpeyes.ingest.accepted";
  public static final String REJECTED = "sharpeyes.ingest.rejected";
  public static final String DUPLICATE = "sharpeyes.ingest.duplicate";
  public static final String LATENCY = "sharpeyes.ingest.latency";
  public static final String SEQ_GAPS = "sharpeyes.ingest.seq.gaps";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final Timer fromDevice;
  private final Timer fromReceipt;
  private final DistributionSummary batchSize;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.fromDevice = latency("device", "device time to stored (includes edge buffering)");
    this.fromReceipt = latency("receipt", "MQTT receipt to stored");
    this.batchSize =
        DistributionSummary.builder("sharpeyes.ingest.batch.size")
            .description("messages handled per database transaction")
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * An event message arrived on an event topic of {@code kind} ({@code unknown} if unparseable).
   */
  public void received(String kind) {
    counter(RECEIVED, "type", kind, "event messages received").increment();
  }

  public void accepted(String kind) {
    counter(ACCEPTED, "type", kind, "events stored for the first time").increment();
  }

  public void duplicate(String kind) {
    counter(DUPLICATE, "type", kind, "events whose id was already stored (acked, not re-processed)")
        .increment();
  }

  /**
   * A duplicate was recognised as a byte-identical copy of a recently stored event, before being
   * decoded (it is counted as a duplicate too).
   */
  public void redeliveryRecognised() {
    counter(
            "sharpeyes.ingest.duplicate.recognised",
            null,
            null,
            "duplicates recognised as copies of recently stored events without decoding them")
        .increment();
  }

  /** A message was dead-lettered; {@code reason} is a {@code RejectReason} label or our own. */
  public void rejected(String reason) {
    counter(REJECTED, "reason", reason, "messages dead-lettered, by reason").increment();
  }

  public void snapshotStored() {
    counter("sharpeyes.ingest.snapshots.stored", null, null, "snapshot images kept").increment();
  }

  public void snapshotEvicted() {
    counter("sharpeyes.ingest.snapshots.evicted", null, null, "snapshots evicted to stay in bounds")
        .increment();
  }

  /**
   * A snapshot file was removed or never written: {@code age} and {@code bytes} (retention), {@code
   * queue-full} (the disk fell behind), {@code write-failed}.
   */
  public void snapshotFileDropped(String reason) {
    counter(
            "sharpeyes.ingest.snapshots.files.removed",
            "reason",
            reason,
            "snapshot files removed by retention or not written")
        .increment();
  }

  public void edgeStatus(String state) {
    counter("sharpeyes.ingest.edge.status", "state", state, "edge status messages received")
        .increment();
  }

  public void edgeDropped() {
    counter(
            "sharpeyes.ingest.edges.untracked",
            null,
            null,
            "status messages of edges not tracked because maxEdges was reached")
        .increment();
  }

  /** An event arrived with a seq below its edge's highest and filled a gap. */
  public void seqReordered() {
    counter(
            "sharpeyes.ingest.seq.reordered",
            null,
            null,
            "events that arrived with a seq lower than their edge's highest (filling a gap)")
        .increment();
  }

  /** An edge numbered its events afresh (a new epoch of its seq). */
  public void seqRestarted() {
    counter(
            "sharpeyes.ingest.seq.restarts",
            null,
            null,
            "edges that began numbering their events afresh (new seq epoch)")
        .increment();
  }

  /** Missing-seq ranges no longer listed because an edge had more than maxGapsPerEdge. */
  public void seqGapRangesDropped(long ranges) {
    counter(
            "sharpeyes.ingest.seq.gap.ranges.dropped",
            null,
            null,
            "missing-seq ranges no longer listed (still counted) because of ingest.maxGapsPerEdge")
        .increment(ranges);
  }

  /** A stored event of an edge whose seq is not tracked because maxEdges edges already are. */
  public void seqUntracked() {
    counter(
            "sharpeyes.ingest.seq.untracked",
            null,
            null,
            "stored events whose edge's seq is not tracked because ingest.maxEdges edges are")
        .increment();
  }

  public void listenerFailed(String listener) {
    counter(
            "sharpeyes.ingest.listener.failures",
            "listener",
            listener,
            "stored-event listeners that threw")
        .increment();
  }

  /** A batch could not be written (database unreachable...) and will be retried. */
  public void storeFailed() {
    counter("sharpeyes.ingest.store.failures", null, null, "batch writes retried after an error")
        .increment();
  }

  /** The worker queue stayed full, so the MQTT connection was dropped to be redelivered later. */
  public void backpressureDisconnect() {
    counter(
            "sharpeyes.ingest.backpressure.disconnects",
            null,
            null,
            "MQTT disconnects because the worker queue stayed full")
        .increment();
  }

  /** An ack was not sent because its connection is gone; the broker will redeliver. */
  public void ackSkipped() {
    counter(
            "sharpeyes.ingest.acks.skipped",
            null,
            null,
            "acks not sent because the message's MQTT connection was lost")
        .increment();
  }

  public void connectionAttempt(String outcome) {
    counter(
            "sharpeyes.ingest.mqtt.connects",
            "outcome",
            outcome,
            "MQTT connection attempts by outcome")
        .increment();
  }

  public void recordLatency(Duration sinceDevice, Duration sinceReceipt) {
    fromDevice.record(sinceDevice.isNegative() ? Duration.ZERO : sinceDevice);
    fromReceipt.record(sinceReceipt.isNegative() ? Duration.ZERO : sinceReceipt);
  }

  public void recordBatch(int size) {
    batchSize.record(size);
  }

  /** Registers a gauge read from {@code value} at scrape time. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /**
   * Registers a gauge labelled {@code edge}, read from {@code value} at scrape time. The caller
   * bounds how many edges get one ({@code ingest.maxEdges}).
   */
  public void edgeGauge(String name, String edgeId, String description, AtomicLong value) {
    Gauge.builder(name, value, AtomicLong::get)
        .tag("edge", edgeId)
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  private Timer latency(String from, String description) {
    return Timer.builder(LATENCY)
        .tag("from", from)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(2))
        .register(registry);
  }

  private Counter counter(String name, String tag, String value, String description) {
    String key = tag == null ? name : name + '|' + value;
    return counters.computeIfAbsent(
        key,
        k -> {
          Counter.Builder b = Counter.builder(name).description(description);
          if (tag != null) {
            b.tag(tag, value);
          }
          return b.register(registry);
        });
  }
}
