package org.sharpeyes.edge.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sharpeyes.edge.telemetry.EdgeMetrics;
import org.sharpeyes.edge.telemetry.LogThrottle;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded in-memory {@link Outbox}. Holds at most {@code maxEntries} events and {@code maxBytes}
 * of payload (events plus snapshots). To make room it drops, in this order: snapshots of waiting
 * entries (oldest first), the new event's own snapshot, then the oldest waiting events. Entries in
 * flight are never dropped; when only they are left the offer is refused. Every drop is counted in
 * {@code sharpeyes.edge.queue.dropped{kind}} and logged at most once a minute.
 *
 * <p>Nothing survives a restart, and sequence numbers start at 1 again.
 */
public final class MemoryOutbox implements Outbox {

  private static final Logger log = LoggerFactory.getLogger(MemoryOutbox.class);

  private final int maxEntries;
  private final long maxBytes;
  private final EventCodec codec;
  private final Clock clock;
  private final LogThrottle throttle;
  private final Counter droppedEventsCounter;
  private final Counter droppedSnapshotsCounter;
  private final Counter refusedCounter;

  private final TreeMap<Long, OutboxEntry> waiting = new TreeMap<>();
  private final Map<Long, OutboxEntry> inFlight = new HashMap<>();
  private long bytes;
  private long lastSeq;
  private long droppedEvents;
  private long droppedSnapshots;
  private long refused;
  private boolean closed;
  private volatile Runnable listener = () -> {};

  public MemoryOutbox(
      int maxEntries, long maxBytes, EventCodec codec, Clock clock, MeterRegistry meters) {
    if (maxEntries < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("bounds must be positive");
    }
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.codec = codec;
    this.clock = clock;
    this.throttle = new LogThrottle(clock, Duration.ofMinutes(1));
    this.droppedEventsCounter =
        Counter.builder(EdgeMetrics.QUEUE_DROPPED)
            .description("Queued items dropped to stay within the queue bounds")
            .tag("kind", "event")
            .register(meters);
    this.droppedSnapshotsCounter =
        Counter.builder(EdgeMetrics.QUEUE_DROPPED).tag("kind", "snapshot").register(meters);
    this.refusedCounter =
        Counter.builder(EdgeMetrics.QUEUE_REFUSED)
            .description("Events refused because everything queued was in flight")
            .register(meters);
    Gauge.builder(EdgeMetrics.QUEUE_DEPTH, this, o -> o.status().depth())
        .description("Events queued, waiting or in flight")
        .register(meters);
    Gauge.builder(EdgeMetrics.QUEUE_IN_FLIGHT, this, o -> o.status().inFlight())
        .description("Events sent and not yet acknowledged by the broker")
        .register(meters);
    Gauge.builder(EdgeMetrics.QUEUE_BYTES, this, o -> o.status().bytes())
        .description("Payload bytes queued")
        .baseUnit("bytes")
        .register(meters);
  }

  public static MemoryOutbox of(
      BrokerConfig broker, EventCodec codec, Clock clock, MeterRegistry meters) {
    return new MemoryOutbox(
        broker.publishQueueSize(), broker.publishQueueBytes(), codec, clock, meters);
  }

  @Override
  public SinkResult offer(EdgeEvent event, byte[] snapshotJpeg) {
    SinkResult result;
    synchronized (this) {
      result = admit(event, snapshotJpeg);
    }
    if (result instanceof SinkResult.Accepted) {
      listener.run();
    }
    return result;
  }

  private SinkResult admit(EdgeEvent event, byte[] snapshotJpeg) {
    if (closed) {
      return new SinkResult.Refused("the agent is stopping");
    }
    long seq = lastSeq + 1;
    EdgeEvent numbered = event.withSeq(seq);
    OutboxEntry entry =
        new OutboxEntry(seq, numbered, codec.encode(numbered), snapshotJpeg, clock.instant());
    while (size() + 1 > maxEntries || bytes + entry.sizeBytes() > maxBytes) {
      boolean overBytes = bytes + entry.sizeBytes() > maxBytes;
      if (overBytes && dropOldestWaitingSnapshot()) {
        continue;
      }
      if (overBytes && entry.hasSnapshot()) {
        entry = entry.withoutSnapshot();
        countDrop("snapshot", entry);
        continue;
      }
      if (!waiting.isEmpty()) {
        OutboxEntry oldest = waiting.pollFirstEntry().getValue();
        bytes -= oldest.sizeBytes();
        if (oldest.hasSnapshot()) {
          countDrop("snapshot", oldest);
        }
        countDrop("event", oldest);
        continue;
      }
      refused++;
      refusedCounter.increment();
      return new SinkResult.Refused(
          "publish queue full: all "
              + inFlight.size()
              + " queued events are in flight to the broker");
    }
    lastSeq = seq;
    waiting.put(seq, entry);
    bytes += entry.sizeBytes();
    return new SinkResult.Accepted(seq);
  }

  private boolean dropOldestWaitingSnapshot() {
    for (Iterator<Map.Entry<Long, OutboxEntry>> it = waiting.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Long, OutboxEntry> e = it.next();
      if (e.getValue().hasSnapshot()) {
        OutboxEntry stripped = e.getValue().withoutSnapshot();
        bytes -= e.getValue().sizeBytes() - stripped.sizeBytes();
        e.setValue(stripped);
        countDrop("snapshot", stripped);
        return true;
      }
    }
    return false;
  }

  private void countDrop(String kind, OutboxEntry entry) {
    if (kind.equals("event")) {
      droppedEvents++;
      droppedEventsCounter.increment();
    } else {
      droppedSnapshots++;
      droppedSnapshotsCounter.increment();
    }
    throttle
        .permit(kind)
        .ifPresent(
            held ->
                log.warn(
                    "publish queue full ({} events, {} bytes max): dropped the {} of event seq {}"
                        + " ({} from device {}){}",
                    maxEntries,
                    maxBytes,
                    kind,
                    entry.seq(),
                    entry.event().type().kind(),
                    entry.event().deviceId(),
                    LogThrottle.heldBack(held)));
  }

  @Override
  public synchronized Optional<OutboxEntry> takeNext() {
    Map.Entry<Long, OutboxEntry> first = waiting.pollFirstEntry();
    if (first == null) {
      return Optional.empty();
    }
    inFlight.put(first.getKey(), first.getValue());
    return Optional.of(first.getValue());
  }

  @Override
  public synchronized void acknowledge(long seq) {
    OutboxEntry e = inFlight.remove(seq);
    if (e == null) {
      e = waiting.remove(seq);
    }
    if (e != null) {
      bytes -= e.sizeBytes();
    }
  }

  @Override
  public synchronized void release(long seq) {
    OutboxEntry e = inFlight.remove(seq);
    if (e != null) {
      waiting.put(seq, e);
    }
  }

  @Override
  public synchronized void releaseAll() {
    waiting.putAll(inFlight);
    inFlight.clear();
  }

  @Override
  public synchronized OutboxStatus status() {
    return new OutboxStatus(
        waiting.size(),
        inFlight.size(),
        bytes,
        maxEntries,
        maxBytes,
        droppedEvents,
        droppedSnapshots,
        refused,
        lastSeq);
  }

  @Override
  public void onAvailable(Runnable newListener) {
    this.listener = newListener;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private int size() {
    return waiting.size() + inFlight.size();
  }
}
