package org.sharpeyes.ingest.edge;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.pipeline.TransactionalListener;
import org.sharpeyes.schema.event.EdgeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every edge's {@code seq} (per-edge, monotonic, from 1) over the events the server stores,
 * so that a lost event shows as a gap: {@code sharpeyes_ingest_seq_gaps{edge}} and {@code GET
 * /api/edges}. It hears only first-time stores: a redelivered copy is a duplicate in the database
 * and changes nothing here.
 *
 * <p>The rules, for an event of edge E with seq s, stored for the first time:
 *
 * <ul>
 *   <li>s above E's highest seq h: stored; seqs h+1..s-1 become a gap (they may still come).
 *   <li>s at or below h and missing: it arrived out of order; it fills its gap and counts in {@code
 *       sharpeyes_ingest_seq_reordered_total}.
 *   <li>s at or below h and already stored by <em>another</em> event (a different id, or it would
 *       be a duplicate): the edge numbers afresh, e.g. it restarted without a durable outbox and
 *       began again at 1. A new <em>epoch</em> begins with s; the seqs still missing in the old one
 *       move to {@code missingInEarlierEpochs} (they can never be told apart from the new
 *       numbering) and the new one is tracked from 1, so a restart is neither a huge gap nor a
 *       flood of "late" events. Restarts are logged and counted in {@code
 *       sharpeyes_ingest_seq_restarts_total}.
 *   <li>seq 0 (no sequence number): counted as stored, not tracked.
 * </ul>
 *
 * <p>Known limit: a restart whose first seqs fall exactly into the old epoch's gaps fills them; the
 * new epoch begins at the first seq that collides, so at most those few seqs are booked to the
 * wrong epoch. Seqs the edge lost after its last stored event (its tail) cannot show as gaps.
 *
 * <p>Bounded: at most {@code maxEdges} edges (events of further edges are counted in {@code
 * sharpeyes_ingest_seq_untracked_total}) and {@code maxGapsPerEdge} listed gaps per edge (see
 * {@link EdgeSequence}).
 *
 * <p>Durable: in the ingest pipeline this is a {@link TransactionalListener}. The ledgers a batch
 * changes are written to {@code edge_ledgers} (one row per edge, see {@link LedgerJournal}) in the
 * transaction that stores the batch's events, and take effect in memory (reports, metrics, logs)
 * once it has committed. So a restarted server resumes from those rows ({@link SequenceRecovery})
 * instead of scanning every stored event. An event the pipeline stores without its listeners' rows
 * (the database refused them for good; logged, counted in {@code
 * sharpeyes_ingest_listener_failures}) is then missing from the ledger too, until a scan (delete
 * the rows of {@code edge_ledgers}, restart). {@link #record} changes the ledger in memory only
 * (tests, recovery); feed a ledger one way or the other, not both. Thread-safe: the ingest workers
 * write (in turns), the HTTP API and the metrics scrape read.
 */
public final class EdgeSequences implements TransactionalListener {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeSequences.class);
  private static final Duration RESTART_LOG_INTERVAL = Duration.ofMinutes(1);

  private final int maxEdges;
  private final int maxGapsPerEdge;
  private final IngestMetrics metrics;
  private final LedgerJournal journal;
  private final Map<String, EdgeSequence> ledgers = new HashMap<>();
  private final Map<String, AtomicLong> missingGauges = new HashMap<>();
  private final Map<String, Instant> restartLoggedAt = new HashMap<>();

  /**
   * @param maxEdges most edges tracked ({@code ingest.maxEdges})
   * @param maxGapsPerEdge most missing ranges listed per edge ({@code ingest.maxGapsPerEdge})
   */
  public EdgeSequences(int maxEdges, int maxGapsPerEdge, IngestMetrics metrics) {
    if (maxEdges < 1 || maxGapsPerEdge < 1) {
      throw new IllegalArgumentException("maxEdges and maxGapsPerEdge must be positive");
    }
    this.maxEdges = maxEdges;
    this.maxGapsPerEdge = maxGapsPerEdge;
    this.metrics = metrics;
    this.journal = new LedgerJournal(maxEdges, maxGapsPerEdge);
  }

  /** Takes in {@code event} in memory only; see {@link #record}. */
  @Override
  public void onStored(EdgeEvent event, Instant receivedAt) {
    record(event.edgeId(), event.seq(), receivedAt);
  }

  /**
   * Writes the ledgers of the edges in {@code batch}, as the batch leaves them, on the ingest
   * worker's transaction {@code c}; they replace the ones in memory once it has committed.
   */
  @Override
  public Runnable inTransaction(Connection c, List<Stored> batch) throws SQLException {
    LedgerJournal.Written written = journal.write(c, batch);
    return () -> installed(written);
  }

  /**
   * Takes in one event stored for the first time, in memory only. See the class comment for the
   * rules.
   */
  public synchronized void record(String edgeId, long seq, Instant receivedAt) {
    EdgeSequence ledger = ledgerOf(edgeId);
    if (ledger == null) {
      metrics.seqUntracked();
      return;
    }
    Taken taken = new Taken(ledger);
    taken.take(ledger, seq, receivedAt);
    counted(ledger, taken);
  }

  /** The edge's sequence, with at most {@code maxListedGaps} gaps listed. */
  public synchronized Optional<SequenceReport> report(String edgeId, int maxListedGaps) {
    EdgeSequence ledger = ledgers.get(edgeId);
    return ledger == null ? Optional.empty() : Optional.of(ledger.report(maxListedGaps));
  }

  /** Every tracked edge, sorted by id. */
  public synchronized List<SequenceReport> all(int maxListedGaps) {
    List<SequenceReport> reports = new ArrayList<>(ledgers.size());
    for (EdgeSequence ledger : ledgers.values()) {
      reports.add(ledger.report(maxListedGaps));
    }
    reports.sort(Comparator.comparing(SequenceReport::edgeId));
    return reports;
  }

  public synchronized int size() {
    return ledgers.size();
  }

  int maxEdges() {
    return maxEdges;
  }

  int maxGapsPerEdge() {
    return maxGapsPerEdge;
  }

  LedgerJournal journal() {
    return journal;
  }

  /** The tracked ledgers (for {@link SequenceRecovery} to write once it has scanned them). */
  synchronized List<EdgeSequence> ledgers() {
    return List.copyOf(ledgers.values());
  }

  /**
   * The ledger of {@code edgeId} for {@link SequenceRecovery} to fill, created if there is room;
   * {@code null} when {@code maxEdges} are tracked already.
   */
  synchronized EdgeSequence ledgerOf(String edgeId) {
    EdgeSequence ledger = ledgers.get(edgeId);
    if (ledger == null && ledgers.size() < maxEdges) {
      ledger = new EdgeSequence(edgeId, maxGapsPerEdge);
      put(ledger);
    }
    return ledger;
  }

  /** Publishes a ledger that {@link SequenceRecovery} has filled to the gauges. */
  synchronized void recovered(EdgeSequence ledger) {
    missingGauges.get(ledger.edgeId()).set(ledger.missingTotal());
  }

  /** Tracks a ledger read from {@code edge_ledgers} with the revision of its row. */
  synchronized void resumed(EdgeSequence ledger, long revision) {
    put(ledger);
    recovered(ledger);
    journal.known(ledger, revision);
  }

  /** After commit: the ledgers as the batch left them, and what it did counted and logged. */
  private synchronized void installed(LedgerJournal.Written written) {
    for (int i = 0; i < written.untracked(); i++) {
      metrics.seqUntracked();
    }
    for (LedgerJournal.Draft draft : written.drafts()) {
      put(draft.ledger());
      counted(draft.ledger(), draft.taken());
    }
  }

  private void put(EdgeSequence ledger) {
    String edgeId = ledger.edgeId();
    if (ledgers.put(edgeId, ledger) == null && !missingGauges.containsKey(edgeId)) {
      // The gauge reads a copy, so that a scrape never waits for this lock.
      AtomicLong missing = new AtomicLong();
      missingGauges.put(edgeId, missing);
      metrics.edgeGauge(
          IngestMetrics.SEQ_GAPS,
          edgeId,
          "seqs of this edge never stored, current and earlier epochs",
          missing);
    }
  }

  /** Counts and logs what {@code taken} did to {@code ledger}. */
  private void counted(EdgeSequence ledger, Taken taken) {
    for (int i = 0; i < taken.reordered; i++) {
      metrics.seqReordered();
    }
    for (Restart r : taken.restarts) {
      metrics.seqRestarted();
      logRestart(ledger.edgeId(), r);
    }
    missingGauges.get(ledger.edgeId()).set(ledger.missingTotal());
    long dropped = ledger.droppedRanges() - taken.droppedBefore;
    if (dropped > 0) {
      metrics.seqGapRangesDropped(dropped);
      if (taken.droppedBefore == 0) {
        LOG.warn(
            "edge {} has more than {} separate gaps in its seq; the lowest are no longer listed"
                + " (still counted as missing). Check the edge's outbox drops.",
            ledger.edgeId(),
            maxGapsPerEdge);
      }
    }
  }

  private void logRestart(String edgeId, Restart r) {
    Instant last = restartLoggedAt.get(edgeId);
    if (last != null && r.receivedAt().isBefore(last.plus(RESTART_LOG_INTERVAL))) {
      return; // counted in the metric; at most one line a minute per edge
    }
    restartLoggedAt.put(edgeId, r.receivedAt());
    LOG.warn(
        "edge {} numbers its events afresh: seq {} was already stored in epoch {} (last seq {},"
            + " {} missing). Epoch {} begins; did the edge restart without its outbox?",
        edgeId,
        r.seq(),
        r.oldEpoch(),
        r.oldLastSeq(),
        r.oldMissing(),
        r.newEpoch());
  }

  /** An edge numbering afresh, to log once committed. */
  record Restart(
      long seq, int oldEpoch, long oldLastSeq, long oldMissing, int newEpoch, Instant receivedAt) {}

  /** What events taken into one ledger did, to count and log once they are committed. */
  static final class Taken {
    private final long droppedBefore;
    private long reordered;
    private final List<Restart> restarts = new ArrayList<>(0);

    Taken(EdgeSequence before) {
      this.droppedBefore = before.droppedRanges();
    }

    /** Takes in one event stored for the first time; see the class comment for the rules. */
    void take(EdgeSequence ledger, long seq, Instant receivedAt) {
      int epochBefore = ledger.epoch();
      long lastSeqBefore = ledger.lastSeq();
      long missingBefore = ledger.missing();
      EdgeSequence.Arrival arrival = ledger.stored(seq, receivedAt);
      if (arrival == EdgeSequence.Arrival.LATE) {
        ledger.countReordered();
        reordered++;
      } else if (arrival == EdgeSequence.Arrival.RESTART) {
        restarts.add(
            new Restart(
                seq, epochBefore, lastSeqBefore, missingBefore, ledger.epoch(), receivedAt));
      }
    }
  }
}
