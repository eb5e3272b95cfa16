package org.sharpeyes.edge.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.id.EventIds;

/**
 * Opens outboxes on files in a test's directory, each with its own writer thread and meters, and
 * closes them all at the end. Also makes plate events.
 */
final class OutboxFixture implements AutoCloseable {

  static final String EDGE = "edge-test-01";
  static final String DEVICE = "43070200001320000101";

  final EventCodec codec = new EventCodec();
  private final Path dir;
  private final Clock clock;
  private final EventIds ids;
  private final List<DiskOutbox> opened = new ArrayList<>();
  private final List<ExecutorService> writers = new ArrayList<>();
  private MeterRegistry meters = new SimpleMeterRegistry();

  OutboxFixture(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
    this.ids = new EventIds(clock, new Random(7));
  }

  /** The default bounds on {@code outbox.db} in the test's directory. */
  OutboxConfig config() {
    return OutboxConfig.at(dir.resolve("outbox.db"));
  }

  /** Opens with fresh meters (so that gauges belong to this outbox). */
  DiskOutbox open(OutboxConfig config) {
    return open(config, EDGE);
  }

  DiskOutbox open(OutboxConfig config, String edgeId) {
    meters = new SimpleMeterRegistry();
    return open(config, edgeId, meters);
  }

  DiskOutbox open(OutboxConfig config, String edgeId, MeterRegistry registry) {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    writers.add(writer);
    DiskOutbox outbox = DiskOutbox.open(edgeId, config, codec, clock, writer, registry);
    opened.add(outbox);
    return outbox;
  }

  /** The meters of the last outbox opened. */
  MeterRegistry meters() {
    return meters;
  }

  EdgeEvent event() {
    return event(false);
  }

  EdgeEvent event(boolean withSnapshot) {
    VehicleSighted data =
        new VehicleSighted(
            "湘JA1234",
            "湘J·A1234",
            VehicleSighted.PlateColor.BLUE,
            null,
            null,
            null,
            null,
            null,
            null,
            0.9,
            withSnapshot ? new SnapshotRef(SnapshotRef.JPEG, 1000) : null);
    return new EdgeEvent(ids.next(), EDGE, DEVICE, 0, clock.instant(), data);
  }

  /** Offers and waits for the answer. */
  static SinkResult offer(DiskOutbox outbox, EdgeEvent event, byte[] jpeg) throws Exception {
    return outbox.offer(event, jpeg).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static long accepted(DiskOutbox outbox, EdgeEvent event, byte[] jpeg) throws Exception {
    SinkResult r = offer(outbox, event, jpeg);
    if (r instanceof SinkResult.Accepted a) {
      return a.seq();
    }
    throw new AssertionError("refused: " + r);
  }

  /** Takes every waiting entry, in the order the publisher would get them. */
  static List<OutboxEntry> takeAll(DiskOutbox outbox) {
    List<OutboxEntry> all = new ArrayList<>();
    for (Optional<OutboxEntry> e = outbox.takeNext(); e.isPresent(); e = outbox.takeNext()) {
      all.add(e.get());
    }
    return all;
  }

  static List<Long> seqs(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::seq).toList();
  }

  @Override
  public void close() throws InterruptedException {
    opened.forEach(DiskOutbox::close);
    for (ExecutorService w : writers) {
      w.shutdownNow();
      w.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
