package org.sharpeyes.ingest.edge;

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
import org.sharpeyes.ingest.pipeline.StoredEventListener;
import org.sharpeyes.schema.event.EdgeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every edge's {@code seq} (per-edge, monotonic, from 1) over the events the server stores,
 * so that a lost event shows as a gap: {@code sharpeyes_ingest_seq_gaps{edge}} and {@code GET
 * /api/edges}. It hears only first-time stores ({@link StoredEventListener}): a redelivered copy is
 * a duplicate in the database and changes nothing here.
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
 * {@link EdgeSequence}). The ledger lives in memory; at start it is rebuilt from the {@code events}
 * table by {@link SequenceRecovery}. Thread-safe: the ingest worker writes, the HTTP API and the
 * metrics scrape read.
 */
public final class EdgeSequences implements StoredEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeSequences.class);
  private static final Duration RESTART_LOG_INTERVAL = Duration.ofMinutes(1);

  private final int maxEdges;
  private final int maxGapsPerEdge;
  private final IngestMetrics metrics;
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
  }

  /** Called by the ingest worker after {@code event} was stored for the first time. */
  @Override
  public void onStored(EdgeEvent event, Instant receivedAt) {
    record(event.edgeId(), event.seq(), receivedAt);
  }

  /** Takes in one event stored for the first time. See the class comment for the rules. */
  public synchronized void record(String edgeId, long seq, Instant receivedAt) {
    EdgeSequence ledger = ledgerOf(edgeId);
    if (ledger == null) {
      metrics.seqUntracked();
      return;
    }
    int epochBefore = ledger.epoch();
    long lastSeqBefore = ledger.lastSeq();
    long missingBefore = ledger.missing();
    long droppedBefore = ledger.droppedRanges();
    EdgeSequence.Arrival arrival = ledger.stored(seq, receivedAt);
    if (arrival == EdgeSequence.Arrival.LATE) {
      ledger.countReordered();
      metrics.seqReordered();
    } else if (arrival == EdgeSequence.Arrival.RESTART) {
      metrics.seqRestarted();
      logRestart(ledger, seq, epochBefore, lastSeqBefore, missingBefore, receivedAt);
    }
    missingGauges.get(edgeId).set(ledger.missingTotal());
    long dropped = ledger.droppedRanges() - droppedBefore;
    if (dropped > 0) {
      metrics.seqGapRangesDropped(dropped);
      if (droppedBefore == 0) {
        LOG.warn(
            "edge {} has more than {} separate gaps in its seq; the lowest are no longer listed"
                + " (still counted as missing). Check the edge's outbox drops.",
            edgeId,
            maxGapsPerEdge);
      }
    }
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

  /**
   * The ledger of {@code edgeId} for {@link SequenceRecovery} to fill, created if there is room;
   * {@code null} when {@code maxEdges} are tracked already.
   */
  synchronized EdgeSequence ledgerOf(String edgeId) {
    EdgeSequence ledger = ledgers.get(edgeId);
    if (ledger == null && ledgers.size() < maxEdges) {
      ledger = new EdgeSequence(edgeId, maxGapsPerEdge);
      ledgers.put(edgeId, ledger);
      // The gauge reads a copy, so that a scrape never waits for this lock.
      AtomicLong missing = new AtomicLong();
      missingGauges.put(edgeId, missing);
      metrics.edgeGauge(
          IngestMetrics.SEQ_GAPS,
          edgeId,
          "seqs of this edge never stored, current and earlier epochs",
          missing);
    }
    return ledger;
  }

  /** Publishes a ledger that {@link SequenceRecovery} has filled to the gauges. */
  synchronized void recovered(EdgeSequence ledger) {
    missingGauges.get(ledger.edgeId()).set(ledger.missingTotal());
  }

  private void logRestart(
      EdgeSequence ledger,
      long seq,
      int oldEpoch,
      long oldLastSeq,
      long oldMissing,
      Instant receivedAt) {
    Instant last = restartLoggedAt.get(ledger.edgeId());
    if (last != null && receivedAt.isBefore(last.plus(RESTART_LOG_INTERVAL))) {
      return; // counted in the metric; at most one line a minute per edge
    }
    restartLoggedAt.put(ledger.edgeId(), receivedAt);
    LOG.warn(
        "edge {} numbers its events afresh: seq {} was already stored in epoch {} (last seq {},"
            + " {} missing). Epoch {} begins; did the edge restart without its outbox?",
        ledger.edgeId(),
        seq,
        oldEpoch,
        oldLastSeq,
        oldMissing,
        ledger.epoch());
  }
}
