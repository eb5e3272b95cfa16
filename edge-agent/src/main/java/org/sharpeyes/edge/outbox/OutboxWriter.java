package org.sharpeyes.edge.outbox;

import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's one writer: takes offered events and acknowledgements from a queue and writes them
 * in batches (group commit, see {@link SyncPolicy}), one transaction and one sync per batch. Each
 * offered event gets its {@code seq} here and its result once its batch is durable. Runs as one
 * long task on its own thread until {@link #stop()}.
 */
final class OutboxWriter implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

  /** One event to write; {@code result} completes when it is durable (or refused). */
  record Append(
      EdgeEvent event,
      byte[] snapshotJpeg,
      Instant receivedAt,
      long reservedBytes,
      CompletableFuture<SinkResult> result) {}

  /** What the file holds after the last commit, for gauges and status. */
  record Stats(long events, long bytes, long lastSeq, Instant oldestReceivedAt) {}

  private sealed interface Command permits AppendCommand, Ack, Stop {}

  private record AppendCommand(Append append) implements Command {}

  private record Ack(long seq) implements Command {}

  private record Stop() implements Command {}

  private final OutboxStore store;
  private final OutboxBounds bounds;
  private final OutboxReader reader;
  private final SyncPolicy sync;
  private final EventCodec codec;
  private final OutboxMetrics metrics;
  private final PendingWrites pending;
  private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final List<Long> acksToRetry = new ArrayList<>();
  private volatile Runnable onAppended = () -> {};
  private volatile Stats stats;

  // Confined to the writer thread.
  private long lastSeq;
  private long persistedLastSeq;
  private long persistedSentThrough;
  private long evictedThrough;

  OutboxWriter(
      OutboxFile file,
      OutboxStore store,
      OutboxBounds bounds,
      OutboxReader reader,
      SyncPolicy sync,
      EventCodec codec,
      OutboxMetrics metrics,
      PendingWrites pending) {
    this.store = store;
    this.bounds = bounds;
    this.reader = reader;
    this.sync = sync;
    this.codec = codec;
    this.metrics = metrics;
    this.pending = pending;
    OutboxFile.Contents c = file.contents;
    this.lastSeq = c.lastSeq();
    this.persistedLastSeq = c.lastSeq();
    this.persistedSentThrough = c.sentThrough();
    this.stats =
        new Stats(
            c.events(),
            c.eventBytes() + c.snapshotBytes(),
            c.lastSeq(),
            c.events() == 0 ? null : Instant.ofEpochMilli(c.oldestReceivedAtMillis()));
  }

  void append(Append a) {
    commands.add(new AppendCommand(a));
  }

  void acknowledge(long seq) {
    commands.add(new Ack(seq));
  }

  /** Asks the loop to write what is queued and end; completes when it has. */
  CompletableFuture<Void> stop() {
    commands.add(new Stop());
    return stopped;
  }

  /** Runs after each commit that stored events (on the writer thread; must not block). */
  void onAppended(Runnable listener) {
    this.onAppended = listener;
  }

  Stats stats() {
    return stats;
  }

  @Override
  public void run() {
    List<Command> batch = new ArrayList<>();
    try {
      boolean stopping = false;
      while (!stopping) {
        batch.clear();
        stopping = collect(commands.take(), batch);
        write(batch);
      }
      persistMarks();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("the outbox writer failed; no more events are accepted", e);
    } finally {
      refuseQueued(batch);
      stopped.complete(null);
    }
  }

  /** Fills a batch: up to {@code maxBatch} events, waiting at most {@code maxDelay}. */
  private boolean collect(Command first, List<Command> batch) throws InterruptedException {
    batch.add(first);
    int appends = first instanceof AppendCommand ? 1 : 0;
    if (first instanceof Stop) {
      return true;
    }
    long deadline = System.nanoTime() + sync.maxDelay().toNanos();
    while (appends < sync.maxBatch()) {
      long left = deadline - System.nanoTime();
      Command next = left > 0 ? commands.poll(left, TimeUnit.NANOSECONDS) : commands.poll();
      if (next == null) {
        return false;
      }
      batch.add(next);
      if (next instanceof Stop) {
        return true;
      }
      if (next instanceof AppendCommand) {
        appends++;
      }
    }
    return false;
  }

  private void write(List<Command> batch) {
    List<Long> acks = new ArrayList<>(acksToRetry);
    acksToRetry.clear();
    List<Append> appends = new ArrayList<>();
    for (Command c : batch) {
      if (c instanceof Ack ack) {
        acks.add(ack.seq());
      } else if (c instanceof AppendCommand a) {
        appends.add(a.append());
      }
    }
    if (acks.isEmpty() && appends.isEmpty()) {
      return;
    }
    Timer.Sample sample = metrics.startCommit();
    OutboxBounds.Totals before = bounds.totals();
    long lastSeqBefore = lastSeq;
    long evictedBefore = evictedThrough;
    long removalsBefore = bounds.removals();
    List<SinkResult> results = new ArrayList<>(appends.size());
    List<OutboxBounds.Drop> drops = new ArrayList<>();
    List<Long> deleted = new ArrayList<>();
    try {
      for (long seq : acks) {
        OutboxStore.StoredEvent gone = store.delete(seq);
        if (gone != null) {
          bounds.removed(gone);
        }
        deleted.add(seq);
      }
      for (Append a : appends) {
        results.add(store(a, drops));
      }
      OutboxStore.Oldest oldest = store.oldest();
      boolean marks = bounds.removals() > removalsBefore;
      long sent = marks ? persistMarksInTransaction() : persistedSentThrough;
      store.commit();
      if (marks) {
        persistedLastSeq = lastSeq;
        persistedSentThrough = sent;
      }
      stats =
          new Stats(
              bounds.events(),
              bounds.bytes(),
              lastSeq,
              oldest == null ? null : Instant.ofEpochMilli(oldest.receivedAtMillis()));
    } catch (SQLException | RuntimeException e) {
      store.rollback();
      bounds.restore(before);
      lastSeq = lastSeqBefore;
      evictedThrough = evictedBefore;
      acksToRetry.addAll(acks);
      metrics.writeFailed(appends.size(), e);
      SinkResult refused =
          new SinkResult.Refused(
              "cannot write to the outbox (" + e.getMessage() + ") — retry later");
      results.clear();
      appends.forEach(a -> results.add(refused));
      drops.clear();
      deleted.clear();
    }
    metrics.committed(sample, appends.size());
    for (OutboxBounds.Drop d : drops) {
      metrics.dropped(d);
    }
    reader.forget(deleted, evictedThrough);
    boolean stored = false;
    for (int i = 0; i < appends.size(); i++) {
      Append a = appends.get(i);
      pending.release(a.reservedBytes());
      stored |= results.get(i) instanceof SinkResult.Accepted;
      a.result().complete(results.get(i));
    }
    if (stored) {
      onAppended.run();
    }
  }

  /** Numbers one event, makes room for it and inserts it. */
  private SinkResult store(Append a, List<OutboxBounds.Drop> drops) throws SQLException {
    long seq = lastSeq + 1;
    EdgeEvent event = a.event().withSeq(seq);
    byte[] json = codec.encode(event);
    if (!bounds.fits(json.length)) {
      metrics.refused(OutboxMetrics.REFUSED_TOO_LARGE);
      return new SinkResult.Refused(
          "the event is " + json.length + " bytes, more than the whole outbox (outbox.maxBytes)");
    }
    byte[] jpeg = a.snapshotJpeg();
    long jpegBytes = jpeg == null ? 0 : jpeg.length;
    String type = event.type().kind();
    int dropsBefore = drops.size();
    boolean keepSnapshot =
        bounds.makeRoom(
            store,
            seq,
            type,
            event.deviceId(),
            json.length,
            jpegBytes,
            reader::isAcknowledged,
            drops);
    for (int i = dropsBefore; i < drops.size(); i++) {
      if (drops.get(i).kind().equals("event")) {
        evictedThrough = Math.max(evictedThrough, drops.get(i).seq());
      }
    }
    byte[] kept = keepSnapshot ? jpeg : null;
    store.insert(
        seq, event.id(), type, event.deviceId(), a.receivedAt().toEpochMilli(), json, kept);
    bounds.added(json.length, kept == null ? 0 : jpegBytes);
    lastSeq = seq;
    return new SinkResult.Accepted(seq);
  }

  /**
   * Records the last seq and how far the publisher got; returns the latter. Needed only in a batch
   * that removes events: otherwise the highest stored seq is the last one, and the file is written
   * one page less per batch.
   */
  private long persistMarksInTransaction() throws SQLException {
    if (lastSeq != persistedLastSeq) {
      store.setMeta(OutboxFile.KEY_LAST_SEQ, lastSeq);
    }
    long sent = reader.sentThrough();
    if (sent != persistedSentThrough) {
      store.setMeta(OutboxFile.KEY_SENT_THROUGH, sent);
    }
    return sent;
  }

  private void persistMarks() {
    try {
      long sent = persistMarksInTransaction();
      store.commit();
      persistedLastSeq = lastSeq;
      persistedSentThrough = sent;
    } catch (SQLException e) {
      log.debug("could not record how far the outbox was sent", e);
    }
  }

  private void refuseQueued(List<Command> unwritten) {
    List<Command> rest = new ArrayList<>(unwritten);
    commands.drainTo(rest);
    SinkResult refused = new SinkResult.Refused("the agent is stopping");
    for (Command c : rest) {
      if (c instanceof AppendCommand a && !a.append().result().isDone()) {
        pending.release(a.append().reservedBytes());
        a.append().result().complete(refused);
      }
    }
  }
}
