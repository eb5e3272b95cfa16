package org.sharpeyes.ingest.edge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence ledger of one edge: the highest seq stored, how many distinct seqs are stored and
 * which ranges below the highest are missing, per epoch. The rules are in {@link EdgeSequences}.
 *
 * <p>Bounded: at most {@code maxGaps} missing ranges are listed. Past that the lowest range is no
 * longer listed; its seqs stay counted as missing (below the {@code floor}), and a late seq at or
 * below the floor fills one of them as long as any are left. Not thread-safe: {@link EdgeSequences}
 * guards every ledger.
 */
final class EdgeSequence {

  /** What one stored event did to the ledger. */
  enum Arrival {
    /** A seq above the highest so far; any seqs skipped on the way become a gap. */
    NEXT,
    /** A seq below the highest that was missing: it arrived out of order and fills its gap. */
    LATE,
    /** A seq already stored in this epoch by another event: the edge numbers afresh. */
    RESTART,
    /** Seq 0: the event carries no sequence number. */
    UNSEQUENCED
  }

  private final String edgeId;
  private final int maxGaps;
  private final TreeMap<Long, Long> gaps = new TreeMap<>();
  private long eventsStored;
  private Instant lastEventAt;
  private int epoch;
  private Instant epochStartedAt;
  private long lastSeq;
  private long storedInEpoch;
  private long floor;
  private long unlisted;
  private long missingInEarlierEpochs;
  private long reordered;
  private long droppedRanges;
  private long gapChanges;

  EdgeSequence(String edgeId, int maxGaps) {
    this.edgeId = edgeId;
    this.maxGaps = maxGaps;
  }

  /** An independent copy, to change without changing this one. */
  EdgeSequence copy() {
    EdgeSequence c = new EdgeSequence(edgeId, maxGaps);
    c.gaps.putAll(gaps);
    c.eventsStored = eventsStored;
    c.lastEventAt = lastEventAt;
    c.epoch = epoch;
    c.epochStartedAt = epochStartedAt;
    c.lastSeq = lastSeq;
    c.storedInEpoch = storedInEpoch;
    c.floor = floor;
    c.unlisted = unlisted;
    c.missingInEarlierEpochs = missingInEarlierEpochs;
    c.reordered = reordered;
    c.droppedRanges = droppedRanges;
    c.gapChanges = gapChanges;
    return c;
  }

  /** The ledger as a row of {@code edge_ledgers}. */
  LedgerRow row() {
    List<SequenceGap> listed = new ArrayList<>(gaps.size());
    gaps.forEach((from, to) -> listed.add(new SequenceGap(from, to)));
    return new LedgerRow(
        edgeId,
        eventsStored,
        lastEventAt,
        epoch,
        epochStartedAt,
        lastSeq,
        storedInEpoch,
        floor,
        unlisted,
        missingInEarlierEpochs,
        droppedRanges,
        LedgerRow.gapText(listed));
  }

  /**
   * The ledger a row of {@code edge_ledgers} holds; gaps past {@code maxGaps} (the bound may have
   * been lowered since) stop being listed as they would live.
   *
   * @throws IllegalArgumentException when the row is not a ledger's
   */
  static EdgeSequence of(LedgerRow row, int maxGaps) {
    row.check();
    EdgeSequence l = new EdgeSequence(row.edgeId(), maxGaps);
    l.eventsStored = row.eventsStored();
    l.lastEventAt = row.lastEventAt();
    l.epoch = row.epoch();
    l.epochStartedAt = row.epochStartedAt();
    l.lastSeq = row.lastSeq();
    l.storedInEpoch = row.storedInEpoch();
    l.floor = row.floor();
    l.unlisted = row.unlisted();
    l.missingInEarlierEpochs = row.missingInEarlierEpochs();
    l.droppedRanges = row.droppedRanges();
    for (SequenceGap g : row.gapList()) {
      l.addGap(g.from(), g.to());
    }
    return l;
  }

  /** Counts every change to the listed gaps, so a writer can tell whether they changed. */
  long gapChanges() {
    return gapChanges;
  }

  /** Takes in one newly stored event (never a duplicate: those do not change the ledger). */
  Arrival stored(long seq, Instant receivedAt) {
    eventsStored++;
    if (lastEventAt == null || receivedAt.isAfter(lastEventAt)) {
      lastEventAt = receivedAt;
    }
    if (seq < 1) {
      return Arrival.UNSEQUENCED;
    }
    if (epoch == 0) {
      epoch = 1;
      epochStartedAt = receivedAt;
    }
    if (seq > lastSeq) {
      advanceTo(seq);
      return Arrival.NEXT;
    }
    if (fill(seq)) {
      return Arrival.LATE;
    }
    if (seq <= floor && unlisted > 0) {
      unlisted--;
      storedInEpoch++;
      return Arrival.LATE;
    }
    missingInEarlierEpochs += missing();
    epoch++;
    epochStartedAt = receivedAt;
    lastSeq = 0;
    storedInEpoch = 0;
    gaps.clear();
    gapChanges++;
    floor = 0;
    unlisted = 0;
    advanceTo(seq);
    return Arrival.RESTART;
  }

  /**
   * Sets the ledger to a single epoch read from the database; gaps follow through {@link
   * #restoreGap}, lowest first.
   */
  void restore(long events, Instant firstAt, Instant lastAt, long highestSeq, long distinctSeqs) {
    eventsStored = events;
    lastEventAt = lastAt;
    epoch = highestSeq > 0 ? 1 : 0;
    epochStartedAt = highestSeq > 0 ? firstAt : null;
    lastSeq = highestSeq;
    storedInEpoch = distinctSeqs;
  }

  void restoreGap(long from, long to) {
    addGap(from, to);
  }

  void countReordered() {
    reordered++;
  }

  String edgeId() {
    return edgeId;
  }

  int epoch() {
    return epoch;
  }

  long lastSeq() {
    return lastSeq;
  }

  /** Missing seqs of the current epoch. */
  long missing() {
    return lastSeq - storedInEpoch;
  }

  long missingTotal() {
    return missing() + missingInEarlierEpochs;
  }

  /** Missing ranges no longer listed because there were more than {@code maxGaps}, in total. */
  long droppedRanges() {
    return droppedRanges;
  }

  /** Missing seqs the listed gaps account for; equals {@link #missing()} minus the unlisted. */
  long listedMissing() {
    long sum = 0;
    for (Map.Entry<Long, Long> g : gaps.entrySet()) {
      sum += g.getValue() - g.getKey() + 1;
    }
    return sum;
  }

  SequenceReport report(int maxListed) {
    List<SequenceGap> shown = new ArrayList<>(Math.min(maxListed, gaps.size()));
    long shownMissing = 0;
    for (Map.Entry<Long, Long> g : gaps.entrySet()) {
      if (shown.size() == maxListed) {
        break;
      }
      SequenceGap gap = new SequenceGap(g.getKey(), g.getValue());
      shown.add(gap);
      shownMissing += gap.size();
    }
    return new SequenceReport(
        edgeId,
        eventsStored,
        lastEventAt,
        epoch,
        epochStartedAt,
        lastSeq,
        missing(),
        shown,
        shownMissing < missing(),
        missingInEarlierEpochs,
        reordered);
  }

  private void advanceTo(long seq) {
    if (seq > lastSeq + 1) {
      addGap(lastSeq + 1, seq - 1);
    }
    lastSeq = seq;
    storedInEpoch++;
  }

  /** Removes {@code seq} from the listed gap holding it; {@code false} if none holds it. */
  private boolean fill(long seq) {
    Map.Entry<Long, Long> gap = gaps.floorEntry(seq);
    if (gap == null || gap.getValue() < seq) {
      return false;
    }
    gaps.remove(gap.getKey());
    gapChanges++;
    if (gap.getKey() < seq) {
      gaps.put(gap.getKey(), seq - 1);
    }
    if (seq < gap.getValue()) {
      gaps.put(seq + 1, gap.getValue());
    }
    storedInEpoch++;
    keepWithinBound();
    return true;
  }

  private void addGap(long from, long to) {
    gaps.put(from, to);
    gapChanges++;
    keepWithinBound();
  }

  private void keepWithinBound() {
    while (gaps.size() > maxGaps) {
      Map.Entry<Long, Long> lowest = gaps.pollFirstEntry();
      unlisted += lowest.getValue() - lowest.getKey() + 1;
      floor = lowest.getValue();
      droppedRanges++;
    }
  }
}
