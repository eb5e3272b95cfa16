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
 *
 * <p>The ingest worker counts several times per event, so a count costs one field read, at most one
 * lookup of a tag value in a small map and an increment: no tag is built and no meter is looked up
 * by name per call. A meter still appears on {@code /metrics} from its first count. The values of a
 * tag are bounded: past {@link #MAX_TAG_VALUES} distinct values (the server's kinds, reasons and
 * states are far fewer), further ones are counted under {@link #OTHER}.
 */
public final class IngestMetrics {

  public static final String RECEIVED = "sharpeyes.ingest.received";
  public static final String ACCEPTED = "sharpeyes.ingest.accepted";
  public static final String REJECTED = "sharpeyes.ingest.rejected";
  public static final String DUPLICATE = "sharpeyes.ingest.duplicate";
  public static final String LATENCY = "sharpeyes.ingest.latency";
  public static final String SEQ_GAPS = "sharpeyes.ingest.seq.gaps";

  /**
   * Distinct values one tag of one meter gets before further ones are folded into {@link #OTHER}.
   */
  public static final int MAX_TAG_VALUES = 32;

  /** The tag value that values past {@link #MAX_TAG_VALUES} (or null) are counted under. */
  public static final String OTHER = "other";

  private final MeterRegistry registry;
  private final Tagged received = new Tagged(RECEIVED, "type", "event messages received");
  private final Tagged accepted = new Tagged(ACCEPTED, "type", "events stored for the first time");
  private final Tagged duplicate =
      new Tagged(DUPLICATE, "type", "events whose id was already stored (acked, not re-processed)");
  private final Tagged rejected =
      new Tagged(REJECTED, "reason", "messages dead-lettered, by reason");
  private final Tagged snapshotFilesDropped =
      new Tagged(
          "sharpeyes.ingest.snapshots.files.removed",
          "reason",
          "snapshot files removed by retention or not written");
  private final Tagged edgeStatus =
      new Tagged("sharpeyes.ingest.edge.status", "state", "edge status messages received");
  private final Tagged listenerFailures =
      new Tagged(
          "sharpeyes.ingest.listener.failures", "listener", "stored-event listeners that threw");
  private final Tagged connects =
      new Tagged(
          "sharpeyes.ingest.mqtt.connects", "outcome", "MQTT connection attempts by outcome");
  private final Single redeliveryRecognised =
      new Single(
          "sharpeyes.ingest.duplicate.recognised",
          "duplicates recognised as copies of recently stored events without decoding them");
  private final Single snapshotStored =
      new Single("sharpeyes.ingest.snapshots.stored", "snapshot images kept");
  private final Single snapshotEvicted =
      new Single("sharpeyes.ingest.snapshots.evicted", "snapshots evicted to stay in bounds");
  private final Single edgeDropped =
      new Single(
          "sharpeyes.ingest.edges.untracked",
          "status messages of edges not tracked because maxEdges was reached");
  private final Single seqReordered =
      new Single(
          "sharpeyes.ingest.seq.reordered",
          "events that arrived with a seq lower than their edge's highest (filling a gap)");
  private final Single seqRestarted =
      new Single(
          "sharpeyes.ingest.seq.restarts",
          "edges that began numbering their events afresh (new seq epoch)");
  private final Single seqGapRangesDropped =
      new Single(
          "sharpeyes.ingest.seq.gap.ranges.dropped",
          "missing-seq ranges no longer listed (still counted) because of ingest.maxGapsPerEdge");
  private final Single seqUntracked =
      new Single(
          "sharpeyes.ingest.seq.untracked",
          "stored events whose edge's seq is not tracked because ingest.maxEdges edges are");
  private final Single storeFailed =
      new Single("sharpeyes.ingest.store.failures", "batch writes retried after an error");
  private final Single backpressureDisconnect =
      new Single(
          "sharpeyes.ingest.backpressure.disconnects",
          "MQTT disconnects because the worker queue stayed full");
  private final Single ackSkipped =
      new Single(
          "sharpeyes.ingest.acks.skipped",
          "acks not sent because the message's MQTT connection was lost");
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
    received.count(kind);
  }

  public void accepted(String kind) {
    accepted.count(kind);
  }

  public void duplicate(String kind) {
    duplicate.count(kind);
  }

  /**
   * A duplicate was recognised as a byte-identical copy of a recently stored event, before being
   * decoded (it is counted as a duplicate too).
   */
  public void redeliveryRecognised() {
    redeliveryRecognised.count();
  }

  /** A message was dead-lettered; {@code reason} is a {@code RejectReason} label or our own. */
  public void rejected(String reason) {
    rejected.count(reason);
  }

  public void snapshotStored() {
    snapshotStored.count();
  }

  public void snapshotEvicted() {
    snapshotEvicted.count();
  }

  /**
   * A snapshot file was removed or never written: {@code age} and {@code bytes} (retention), {@code
   * queue-full} (the disk fell behind), {@code write-failed}.
   */
  public void snapshotFileDropped(String reason) {
    snapshotFilesDropped.count(reason);
  }

  public void edgeStatus(String state) {
    edgeStatus.count(state);
  }

  public void edgeDropped() {
    edgeDropped.count();
  }

  /** An event arrived with a seq below its edge's highest and filled a gap. */
  public void seqReordered() {
    seqReordered.count();
  }

  /** An edge numbered its events afresh (a new epoch of its seq). */
  public void seqRestarted() {
    seqRestarted.count();
  }

  /** Missing-seq ranges no longer listed because an edge had more than maxGapsPerEdge. */
  public void seqGapRangesDropped(long ranges) {
    seqGapRangesDropped.counter().increment(ranges);
  }

  /** A stored event of an edge whose seq is not tracked because maxEdges edges already are. */
  public void seqUntracked() {
    seqUntracked.count();
  }

  public void listenerFailed(String listener) {
    listenerFailures.count(listener);
  }

  /** A batch could not be written (database unreachable...) and will be retried. */
  public void storeFailed() {
    storeFailed.count();
  }

  /** The worker queue stayed full, so the MQTT connection was dropped to be redelivered later. */
  public void backpressureDisconnect() {
    backpressureDisconnect.count();
  }

  /** An ack was not sent because its connection is gone; the broker will redeliver. */
  public void ackSkipped() {
    ackSkipped.count();
  }

  public void connectionAttempt(String outcome) {
    connects.count(outcome);
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

  /** A counter without tags, registered on its first count. */
  private final class Single {
    private final String name;
    private final String description;
    private volatile Counter counter;

    Single(String name, String description) {
      this.name = name;
      this.description = description;
    }

    void count() {
      counter().increment();
    }

    Counter counter() {
      Counter c = counter;
      if (c == null) {
        // Registering twice (two threads at once) yields the same meter.
        c = Counter.builder(name).description(description).register(registry);
        counter = c;
      }
      return c;
    }
  }

  /** A counter per value of one tag, each registered on its first count; bounded. */
  private final class Tagged {
    private final String name;
    private final String tag;
    private final String description;
    private final ConcurrentMap<String, Counter> byValue = new ConcurrentHashMap<>();

    Tagged(String name, String tag, String description) {
      this.name = name;
      this.tag = tag;
      this.description = description;
    }

    void count(String value) {
      Counter c = value == null ? null : byValue.get(value);
      if (c == null) {
        c = first(value);
      }
      c.increment();
    }

    private synchronized Counter first(String value) {
      Counter known = value == null ? null : byValue.get(value);
      if (known != null) {
        return known; // another thread counted it first
      }
      String kept = value != null && byValue.size() < MAX_TAG_VALUES ? value : OTHER;
      return byValue.computeIfAbsent(
          kept, v -> Counter.builder(name).description(description).tag(tag, v).register(registry));
    }
  }
}
