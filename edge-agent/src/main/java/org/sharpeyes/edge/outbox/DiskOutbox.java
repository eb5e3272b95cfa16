package org.sharpeyes.edge.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sharpeyes.edge.telemetry.LogThrottle;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link Outbox}: a SQLite file in WAL mode that survives a crash or {@code kill -9} of
 * the agent (and, with its {@code fsync} per batch, a power cut). An offer completes with {@link
 * SinkResult.Accepted} only once the event is in the file ({@link SyncPolicy}); the {@code seq} it
 * assigns is persisted and continues after a restart. Bounded by {@link OutboxConfig}, see {@link
 * OutboxBounds} for what is dropped when full. Rows leave only when the broker has acknowledged
 * them or the bounds drop them; after a restart the publisher starts again from the oldest row.
 *
 * <p>Threads: {@link #offer} is cheap and never blocks (any thread, event loops included); its
 * stage completes on the outbox's writer thread, so callbacks must hop to their own executor before
 * doing real work. The publisher methods are meant for the single publisher thread.
 */
public final class DiskOutbox implements Outbox {

  private static final Logger log = LoggerFactory.getLogger(DiskOutbox.class);

  /** How long {@link #close()} waits for the writer to finish what it has. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** What an event costs in the pending bound besides its snapshot (the JSON is not made yet). */
  static final long EVENT_ESTIMATE_BYTES = 1024;

  private final OutboxConfig config;
  private final Clock clock;
  private final OutboxFile file;
  private final OutboxStore store;
  private final OutboxReader reader;
  private final OutboxWriter writer;
  private final OutboxMetrics metrics;
  private final PendingWrites pending;
  private final LogThrottle throttle;
  private final Object admission = new Object();
  private boolean accepting = true;
  private boolean closed;

  private DiskOutbox(
      OutboxConfig config,
      Clock clock,
      OutboxFile file,
      OutboxStore store,
      OutboxReader reader,
      OutboxWriter writer,
      OutboxMetrics metrics,
      PendingWrites pending) {
    this.config = config;
    this.clock = clock;
    this.file = file;
    this.store = store;
    this.reader = reader;
    this.writer = writer;
    this.metrics = metrics;
    this.pending = pending;
    this.throttle = new LogThrottle(clock, OutboxMetrics.LOG_INTERVAL);
  }

  /**
   * Opens (or creates) the outbox file and starts its writer.
   *
   * @param edgeId the edge the file belongs to; a file of another edge that still holds events is
   *     refused
   * @param writerThread runs the writer loop for the outbox's lifetime: give it a thread of its
   *     own; shut it down after {@link #close()}
   * @throws OutboxOpenException saying what is wrong with the file and what to do
   */
  public static DiskOutbox open(
      String edgeId,
      OutboxConfig config,
      EventCodec codec,
      Clock clock,
      Executor writerThread,
      MeterRegistry meters) {
    OutboxFile file = OutboxFile.open(config.path(), edgeId);
    try {
      OutboxMetrics metrics = new OutboxMetrics(meters, config, clock);
      OutboxFile.Contents c = file.contents;
      OutboxStore store = new OutboxStore(file.writer);
      OutboxReader reader = new OutboxReader(file.reader, c.sentThrough(), metrics::redelivered);
      OutboxBounds bounds =
          new OutboxBounds(
              config.maxEvents(),
              config.maxBytes(),
              new OutboxBounds.Totals(
                  c.events(), c.eventBytes(), c.snapshots(), c.snapshotBytes()));
      PendingWrites pending = new PendingWrites();
      OutboxWriter writer =
          new OutboxWriter(file, store, bounds, reader, config.sync(), codec, metrics, pending);
      DiskOutbox outbox =
          new DiskOutbox(config, clock, file, store, reader, writer, metrics, pending);
      metrics.watch(
          outbox,
          o -> o.status().depth(),
          o -> o.status().inFlight(),
          o -> o.status().bytes(),
          outbox::oldestAgeSeconds);
      outbox.report(c);
      writerThread.execute(outbox.writer);
      return outbox;
    } catch (SQLException | RuntimeException e) {
      file.close();
      throw new OutboxOpenException(
          "cannot prepare the outbox " + file.path + ": " + e.getMessage(), e);
    }
  }

  private void report(OutboxFile.Contents c) {
    if (c.events() > 0) {
      log.info(
          "outbox {}: {} events ({} bytes) left from before, oldest seq {} from {}; last seq {}",
          file.path,
          c.events(),
          c.eventBytes() + c.snapshotBytes(),
          c.oldestSeq(),
          Instant.ofEpochMilli(c.oldestReceivedAtMillis()),
          c.lastSeq());
    } else {
      log.info("outbox {}: empty, last seq {}", file.path, c.lastSeq());
    }
    try {
      long usable = Files.getFileStore(file.path).getUsableSpace();
      long bytes = c.eventBytes() + c.snapshotBytes();
      if (usable < config.maxBytes() - bytes) {
        log.warn(
            "outbox {}: only {} bytes free on its disk, less than outbox.maxBytes ({}) needs",
            file.path,
            usable,
            config.maxBytes());
      }
    } catch (IOException e) {
      log.debug("cannot tell the free space beside {}", file.path, e);
    }
  }

  @Override
  public CompletionStage<SinkResult> offer(EdgeEvent event, byte[] snapshotJpeg) {
    long size = EVENT_ESTIMATE_BYTES + (snapshotJpeg == null ? 0 : snapshotJpeg.length);
    synchronized (admission) {
      if (!accepting) {
        metrics.refused(OutboxMetrics.REFUSED_STOPPING);
        return CompletableFuture.completedFuture(new SinkResult.Refused("the agent is stopping"));
      }
      if (!pending.tryReserve(size)) {
        metrics.refused(OutboxMetrics.REFUSED_BEHIND);
        return CompletableFuture.completedFuture(
            new SinkResult.Refused(
                "the outbox cannot keep up with its disk ("
                    + pending.events()
                    + " events waiting to be written) — retry later"));
      }
      CompletableFuture<SinkResult> result = new CompletableFuture<>();
      writer.append(new OutboxWriter.Append(event, snapshotJpeg, clock.instant(), size, result));
      return result;
    }
  }

  @Override
  public Optional<OutboxEntry> takeNext() {
    try {
      return reader.takeNext();
    } catch (SQLException e) {
      throttle
          .permit("read")
          .ifPresent(
              held ->
                  log.error(
                      "cannot read the outbox {}: {}{}", file.path, e, LogThrottle.heldBack(held)));
      return Optional.empty();
    }
  }

  @Override
  public void acknowledge(long seq) {
    if (reader.acknowledge(seq)) {
      writer.acknowledge(seq);
    }
  }

  @Override
  public void release(long seq) {
    reader.release(seq);
  }

  @Override
  public void releaseAll() {
    reader.releaseAll();
  }

  @Override
  public OutboxStatus status() {
    OutboxWriter.Stats s = writer.stats();
    int inFlight = reader.inFlight();
    long depth = Math.max(0, s.events() - reader.acknowledgedPending());
    return new OutboxStatus(
        file.path.toString(),
        depth,
        Math.min(inFlight, depth),
        s.bytes(),
        config.maxEvents(),
        config.maxBytes(),
        oldestAgeSeconds(),
        metrics.droppedEvents(),
        metrics.droppedSnapshots(),
        metrics.refused(),
        metrics.redeliveredCount(),
        s.lastSeq());
  }

  private double oldestAgeSeconds() {
    Instant oldest = writer.stats().oldestReceivedAt();
    if (oldest == null) {
      return 0;
    }
    return Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
  }

  @Override
  public void onAvailable(Runnable listener) {
    writer.onAppended(listener);
  }

  @Override
  public void refuseOffers() {
    synchronized (admission) {
      accepting = false;
    }
  }

  /**
   * Refuses further offers, writes everything already offered (their stages complete), records how
   * far the publisher got, and closes the file. Blocks up to {@link #CLOSE_TIMEOUT}. Idempotent.
   */
  @Override
  public void close() {
    synchronized (admission) {
      accepting = false;
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      writer.stop().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("the outbox writer did not finish within {}", CLOSE_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("the outbox writer failed while stopping: {}", e.toString());
    }
    try {
      reader.close();
      store.close();
    } catch (SQLException e) {
      log.debug("closing the outbox statements failed", e);
    }
    file.close();
    OutboxWriter.Stats s = writer.stats();
    log.info("outbox {} closed: {} events kept for the next start", file.path, s.events());
  }

  /** Where the file is (absolute). */
  public Path path() {
    return file.path;
  }
}
