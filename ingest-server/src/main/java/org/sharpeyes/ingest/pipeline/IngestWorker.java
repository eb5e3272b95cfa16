package org.sharpeyes.ingest.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.store.BatchWriter;
import org.sharpeyes.ingest.store.DeadLetter;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.ingest.store.Snapshot;
import org.sharpeyes.ingest.store.SnapshotSink;
import org.sharpeyes.schema.event.EdgeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one partition of the bounded intake queues on one thread: up to {@code batchSize} messages
 * at a time are judged, written in one transaction (events, dead letters, and the rows of {@link
 * TransactionalListener}s such as alerts), told to the other {@link StoredEventListener}s and only
 * then acknowledged to the broker. When the database fails, the same batch is retried with a capped
 * backoff and nothing is acknowledged; the queue fills up and the MQTT subscriber stops reading, so
 * the broker holds the rest.
 *
 * <p>Several workers may run, each on the messages of its share of the edges ({@link
 * IntakeQueues}). They judge messages and insert events in parallel; what the listeners do (rules,
 * alerts, the sequence ledger, device states) runs in turns: a worker takes the shared {@code turn}
 * before its listeners write in its transaction and gives it back only after the commit and the
 * after-commit work, so the listeners see the batches one at a time, in commit order, as with one
 * worker.
 */
public final class IngestWorker {

  /** Reason label: the database refused a valid event (should not happen; kept, not lost). */
  public static final String STORE_REFUSED = "store-refused";

  /** Reason label: the pipeline failed on a message (a bug); kept, not lost. */
  public static final String INTERNAL_ERROR = "internal-error";

  private static final Logger LOG = LoggerFactory.getLogger(IngestWorker.class);
  private static final Duration RETRY_MIN = Duration.ofMillis(100);
  private static final Duration RETRY_MAX = Duration.ofSeconds(5);
  private static final Duration REJECTION_LOG_INTERVAL = Duration.ofSeconds(10);
  private static final String EVENTS_SEGMENT = "/events/";

  /** Fingerprints of stored events kept to recognise redeliveries without decoding them. */
  static final int REDELIVERY_MEMORY = 65_536;

  private final BlockingQueue<InboundMessage> queue;
  private final MessageTriage triage;
  private final BatchWriter writer;
  private final SnapshotSink snapshots;
  private final EdgeStatusSink edges;
  private final MessageAcknowledger acks;
  private final List<StoredEventListener> listeners;
  private final List<String> listenerNames;
  private final List<TransactionalListener> transactional = new ArrayList<>();
  private final String transactionalNames;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final int batchSize;
  private final int maxDeadLetterBytes;
  private final RejectionLog rejectionLog;
  private final ReentrantLock turn;
  private final Redeliveries redeliveries = new Redeliveries(REDELIVERY_MEMORY);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean storeHealthy = true;

  public IngestWorker(
      BlockingQueue<InboundMessage> queue,
      MessageTriage triage,
      BatchWriter writer,
      SnapshotSink snapshots,
      EdgeStatusSink edges,
      MessageAcknowledger acks,
      List<StoredEventListener> listeners,
      IngestMetrics metrics,
      Clock clock,
      int batchSize,
      int maxDeadLetterBytes,
      ReentrantLock turn) {
    this.queue = queue;
    this.turn = turn;
    this.triage = triage;
    this.writer = writer;
    this.snapshots = snapshots;
    this.edges = edges;
    this.acks = acks;
    this.listeners = List.copyOf(listeners);
    this.listenerNames = new ArrayList<>();
    List<String> transactionalNames = new ArrayList<>();
    for (int i = 0; i < this.listeners.size(); i++) {
      Class<?> type = this.listeners.get(i).getClass();
      boolean nameless =
          type.isHidden() || type.isAnonymousClass() || type.getSimpleName().isEmpty();
      listenerNames.add(nameless ? "listener-" + (i + 1) : type.getSimpleName());
      if (this.listeners.get(i) instanceof TransactionalListener t) {
        transactional.add(t);
        transactionalNames.add(listenerNames.get(i));
      }
    }
    this.transactionalNames = String.join("+", transactionalNames);
    this.metrics = metrics;
    this.clock = clock;
    this.batchSize = batchSize;
    this.maxDeadLetterBytes = maxDeadLetterBytes;
    this.rejectionLog = new RejectionLog(clock, REJECTION_LOG_INTERVAL);
  }

  /** Starts draining on {@code executor} (one of its threads is used until {@link #stop}). */
  public void start(ExecutorService executor) {
    executor.execute(this::run);
  }

  /**
   * Stops after the batch in hand is written (or abandoned, if the database is down). Messages
   * still queued are not acknowledged; the broker redelivers them on the next connection.
   *
   * @return whether the worker stopped within {@code timeout}
   */
  public boolean stop(Duration timeout) throws InterruptedException {
    requestStop();
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asks the worker to stop after the batch in hand, without waiting for it. */
  public void requestStop() {
    stopRequested.countDown();
  }

  /** Whether the last write reached the database. */
  public boolean storeHealthy() {
    return storeHealthy;
  }

  private void run() {
    try {
      while (stopRequested.getCount() > 0) {
        InboundMessage first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<InboundMessage> batch = new ArrayList<>(batchSize);
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        try {
          handle(batch);
        } catch (RuntimeException e) {
          // A bug; keep draining. These messages stay unacknowledged: the broker sends them
          // again on the next connection.
          LOG.error("failed on a batch of {} messages; they are not acknowledged", batch.size(), e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped.countDown();
    }
  }

  /** Judges, writes, notifies and acknowledges one batch. */
  void handle(List<InboundMessage> batch) throws InterruptedException {
    List<EventRow> rows = new ArrayList<>();
    List<EdgeEvent> events = new ArrayList<>();
    List<InboundMessage> eventMessages = new ArrayList<>();
    List<DeadLetter> letters = new ArrayList<>();
    List<BatchWriter.LetterUnlessStored> unlessStored = new ArrayList<>();
    List<Redeliveries.Fingerprint> fingerprints = new ArrayList<>();
    List<Refusal> refusals = new ArrayList<>();
    for (InboundMessage message : batch) {
      Redeliveries.Fingerprint fingerprint = null;
      if (message.topic().contains(EVENTS_SEGMENT)) {
        fingerprint = redeliveries.fingerprint(message);
        String storedKind = redeliveries.storedKind(fingerprint);
        if (storedKind != null) {
          metrics.received(storedKind);
          metrics.duplicate(storedKind);
          metrics.redeliveryRecognised();
          continue;
        }
      }
      Verdict verdict = judge(message);
      if (verdict instanceof Verdict.Accepted accepted) {
        rows.add(accepted.row());
        events.add(accepted.event());
        eventMessages.add(message);
        fingerprints.add(fingerprint);
      } else if (verdict instanceof Verdict.Rejected rejected) {
        letters.add(deadLetter(message, rejected.reason(), rejected.detail()));
      } else if (verdict instanceof Verdict.RejectedUnlessStored refused) {
        // Counted once the store says whether it is a redelivery of a stored event.
        unlessStored.add(
            new BatchWriter.LetterUnlessStored(
                refused.row().id(), letter(message, refused.reason(), refused.detail())));
        refusals.add(new Refusal(message, refused));
      } else if (verdict instanceof Verdict.SnapshotImage image) {
        snapshots.put(
            new Snapshot(image.eventId(), image.edgeId(), message.payload(), message.receivedAt()));
        metrics.snapshotStored();
      } else if (verdict instanceof Verdict.Status status) {
        turn.lock(); // the sinks (edge presence, device states) hear one worker at a time
        try {
          if (!edges.update(status.status(), message.receivedAt())) {
            metrics.edgeDropped();
          }
        } finally {
          turn.unlock();
        }
      } else if (verdict instanceof Verdict.Ignored ignored) {
        LOG.debug("ignored message on {}: {}", message.topic(), ignored.why());
      }
    }
    BatchWriter.Batch written =
        new BatchWriter.Batch(rows, letters, unlessStored, companion(events, eventMessages));
    try {
      storeAndTell(batch, written, rows, events, eventMessages, fingerprints, refusals);
    } finally {
      while (turn.isHeldByCurrentThread()) {
        turn.unlock(); // taken by the companion, once per transaction it wrote in
      }
    }
  }

  /** Writes {@code written}, counts, tells the listeners and acknowledges {@code batch}. */
  private void storeAndTell(
      List<InboundMessage> batch,
      BatchWriter.Batch written,
      List<EventRow> rows,
      List<EdgeEvent> events,
      List<InboundMessage> eventMessages,
      List<Redeliveries.Fingerprint> fingerprints,
      List<Refusal> refusals)
      throws InterruptedException {
    if (!writeUntilDone(written)) {
      return;
    }
    for (int i = 0; i < refusals.size(); i++) {
      Verdict.RejectedUnlessStored refused = refusals.get(i).verdict();
      if (written.unlessStoredOutcome(i) == BatchWriter.Outcome.DUPLICATE) {
        metrics.duplicate(refused.row().kind());
      } else {
        countRejection(refusals.get(i).message(), refused.reason(), refused.detail());
      }
    }
    List<DeadLetter> refused = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (written.outcome(i) == BatchWriter.Outcome.REFUSED) {
        refused.add(deadLetter(eventMessages.get(i), STORE_REFUSED, written.refusal(i)));
      }
    }
    if (!refused.isEmpty() && !writeUntilDone(new BatchWriter.Batch(List.of(), refused))) {
      return;
    }
    Instant storedAt = clock.instant();
    List<StoredEventListener.Stored> stored = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String kind = rows.get(i).kind();
      BatchWriter.Outcome outcome = written.outcome(i);
      if (fingerprints.get(i) != null
          && (outcome == BatchWriter.Outcome.INSERTED
              || outcome == BatchWriter.Outcome.DUPLICATE)) {
        redeliveries.remember(fingerprints.get(i), kind);
      }
      switch (outcome) {
        case INSERTED -> {
          metrics.accepted(kind);
          metrics.recordLatency(
              Duration.between(events.get(i).time(), storedAt),
              Duration.between(eventMessages.get(i).receivedAt(), storedAt));
          stored.add(
              new StoredEventListener.Stored(events.get(i), eventMessages.get(i).receivedAt()));
        }
        case DUPLICATE -> metrics.duplicate(kind);
        case REFUSED, DEAD_LETTERED -> {} // dead-lettered and counted above
      }
    }
    turn.lock(); // held already when the companion wrote; taken here when it had nothing to write
    notifyListeners(stored);
    for (Runnable committed : written.committed()) {
      try {
        committed.run();
      } catch (RuntimeException e) {
        metrics.listenerFailed(transactionalNames);
        LOG.warn("listener {} failed after its transaction committed", transactionalNames, e);
      }
    }
    batch.forEach(acks::acknowledge);
    metrics.recordBatch(batch.size());
  }

  private Verdict judge(InboundMessage message) {
    try {
      return triage.judge(message);
    } catch (RuntimeException e) {
      LOG.error("failed to judge message on {}; dead-lettering it", message.topic(), e);
      return new Verdict.Rejected(INTERNAL_ERROR, "the server failed on this message: " + e);
    }
  }

  /** A dead letter for {@code message}, counted and logged as rejected. */
  private DeadLetter deadLetter(InboundMessage message, String reason, String detail) {
    countRejection(message, reason, detail);
    return letter(message, reason, detail);
  }

  private void countRejection(InboundMessage message, String reason, String detail) {
    metrics.rejected(reason);
    rejectionLog.rejected(reason, message.topic(), detail);
  }

  private DeadLetter letter(InboundMessage message, String reason, String detail) {
    return DeadLetter.of(
        message.receivedAt(),
        message.topic(),
        reason,
        detail,
        message.payload(),
        maxDeadLetterBytes);
  }

  /** Writes {@code batch}, retrying failures; {@code false} when stopped before it succeeded. */
  private boolean writeUntilDone(BatchWriter.Batch batch) throws InterruptedException {
    Duration delay = RETRY_MIN;
    while (true) {
      try {
        writer.write(batch);
        if (!storeHealthy) {
          LOG.info("store reachable again; ingest resumes");
        }
        storeHealthy = true;
        return true;
      } catch (SQLException | RuntimeException e) {
        metrics.storeFailed();
        if (storeHealthy) {
          LOG.warn("cannot write to the store, retrying until it is back: {}", e.toString());
        }
        storeHealthy = false;
      }
      if (stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
      delay = delay.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : delay.multipliedBy(2);
    }
  }

  /** Has the transactional listeners write in the transaction that stores the new events. */
  private BatchWriter.Companion companion(List<EdgeEvent> events, List<InboundMessage> messages) {
    if (transactional.isEmpty()) {
      return BatchWriter.Companion.NONE;
    }
    return new BatchWriter.Companion() {
      @Override
      public Runnable write(Connection c, List<Integer> fresh) throws SQLException {
        turn.lock(); // given back by handle() after the commit and the after-commit work
        List<StoredEventListener.Stored> stored = new ArrayList<>(fresh.size());
        for (int i : fresh) {
          stored.add(new StoredEventListener.Stored(events.get(i), messages.get(i).receivedAt()));
        }
        List<Runnable> after = new ArrayList<>(transactional.size());
        for (TransactionalListener listener : transactional) {
          after.add(listener.inTransaction(c, stored));
        }
        return () -> after.forEach(Runnable::run);
      }

      @Override
      public void abandoned(int index, Exception cause) {
        metrics.listenerFailed(transactionalNames);
        LOG.error(
            "{} could not store what event {} from device {} causes; the event is stored"
                + " without it",
            transactionalNames,
            events.get(index).id(),
            events.get(index).deviceId(),
            cause);
      }
    };
  }

  private void notifyListeners(List<StoredEventListener.Stored> stored) {
    if (stored.isEmpty()) {
      return;
    }
    for (int i = 0; i < listeners.size(); i++) {
      if (listeners.get(i) instanceof TransactionalListener) {
        continue; // heard inside the transaction
      }
      try {
        listeners.get(i).onStoredBatch(stored);
      } catch (RuntimeException e) {
        metrics.listenerFailed(listenerNames.get(i));
        LOG.warn(
            "listener {} failed on a batch of {} events from {}",
            listenerNames.get(i),
            stored.size(),
            stored.get(0).event().id(),
            e);
      }
    }
  }

  /** A message refused unless its event is already stored, until the store has decided. */
  private record Refusal(InboundMessage message, Verdict.RejectedUnlessStored verdict) {}
}
