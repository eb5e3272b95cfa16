package org.sharpeyes.ingest.edge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One edge's {@link EdgeSequence} as a row of {@code edge_ledgers} (migration V10): everything the
 * ledger needs to resume after a restart, except the reorder count, which counts from the server's
 * start. The listed gaps travel as text, {@code "from-to"} lowest first, comma-separated.
 */
record LedgerRow(
    String edgeId,
    long eventsStored,
    Instant lastEventAt,
    int epoch,
    Instant epochStartedAt,
    long lastSeq,
    long storedInEpoch,
    long floor,
    long unlisted,
    long missingInEarlierEpochs,
    long droppedRanges,
    String gaps) {

  /** The gaps as text, e.g. {@code "4-4,6-9"}; empty when there are none. */
  static String gapText(Iterable<SequenceGap> gaps) {
    StringBuilder text = new StringBuilder();
    for (SequenceGap g : gaps) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(g.from()).append('-').append(g.to());
    }
    return text.toString();
  }

  /**
   * The gaps of {@link #gaps()}, lowest first.
   *
   * @throws IllegalArgumentException when the text is not ascending, non-overlapping ranges within
   *     1..{@code lastSeq}
   */
  List<SequenceGap> gapList() {
    List<SequenceGap> list = new ArrayList<>();
    if (gaps.isEmpty()) {
      return list;
    }
    long previous = 0;
    for (String range : gaps.split(",", -1)) {
      int dash = range.indexOf('-');
      if (dash < 1) {
        throw new IllegalArgumentException("edge " + edgeId + ": bad gap '" + range + "'");
      }
      SequenceGap gap;
      try {
        gap =
            new SequenceGap(
                Long.parseLong(range.substring(0, dash)),
                Long.parseLong(range.substring(dash + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("edge " + edgeId + ": bad gap '" + range + "'", e);
      }
      if (gap.from() <= previous || gap.to() > lastSeq) {
        throw new IllegalArgumentException(
            "edge " + edgeId + ": gap " + range + " out of order or above seq " + lastSeq);
      }
      previous = gap.to();
      list.add(gap);
    }
    return list;
  }

  /**
   * @throws IllegalArgumentException when a count is negative or they contradict each other
   */
  void check() {
    if (eventsStored < 0
        || epoch < 0
        || lastSeq < 0
        || storedInEpoch < 0
        || storedInEpoch > lastSeq
        || floor < 0
        || unlisted < 0
        || missingInEarlierEpochs < 0
        || droppedRanges < 0
        || (epoch > 0 && epochStartedAt == null)) {
      throw new IllegalArgumentException("edge " + edgeId + ": inconsistent ledger row " + this);
    }
  }
}
