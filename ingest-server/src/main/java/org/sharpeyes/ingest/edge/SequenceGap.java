package org.sharpeyes.ingest.edge;

/**
 * A run of sequence numbers of one edge that the server has not stored, both ends included.
 *
 * @param from the first missing seq, at least 1
 * @param to the last missing seq, at least {@code from}
 */
public record SequenceGap(long from, long to) {

  public SequenceGap {
    if (from < 1 || to < from) {
      throw new IllegalArgumentException(
          "a gap runs from 1 <= from <= to, was " + from + ".." + to);
    }
  }

  /** How many seqs the gap holds. */
  public long size() {
    return to - from + 1;
  }
}
