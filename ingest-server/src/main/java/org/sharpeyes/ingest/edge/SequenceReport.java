package org.sharpeyes.ingest.edge;

import java.time.Instant;
import java.util.List;

/**
 * What the server knows about one edge's event sequence, at one moment. Immutable.
 *
 * @param edgeId the edge
 * @param eventsStored events stored from this edge, every epoch and unsequenced ones included
 * @param lastEventAt when the server received the latest of them; {@code null} if none
 * @param epoch 1 for the edge's first numbering, + 1 each time it numbered afresh (see {@link
 *     EdgeSequences}); 0 before its first sequenced event
 * @param epochStartedAt when the server received the first event of the current epoch
 * @param lastSeq highest seq stored in the current epoch; 0 if none
 * @param missingSeqs seqs from 1 to {@code lastSeq} of the current epoch that are not stored
 * @param gaps the lowest missing ranges of the current epoch, lowest first (at most as many as
 *     asked for)
 * @param gapsTruncated whether {@code gaps} leaves out some of the {@code missingSeqs}
 * @param missingInEarlierEpochs seqs that were missing when an earlier epoch ended; they can no
 *     longer be told apart from the new numbering and stay missing
 * @param reordered events that arrived with a seq lower than the highest seen (since this server
 *     process started)
 */
public record SequenceReport(
    String edgeId,
    long eventsStored,
    Instant lastEventAt,
    int epoch,
    Instant epochStartedAt,
    long lastSeq,
    long missingSeqs,
    List<SequenceGap> gaps,
    boolean gapsTruncated,
    long missingInEarlierEpochs,
    long reordered) {

  public SequenceReport {
    gaps = List.copyOf(gaps);
  }

  /** The report of an edge the server has stored no event of. */
  public static SequenceReport none(String edgeId) {
    return new SequenceReport(edgeId, 0, null, 0, null, 0, 0, List.of(), false, 0, 0);
  }

  /** Every seq missing from this edge, in the current epoch and in earlier ones. */
  public long missingTotal() {
    return missingSeqs + missingInEarlierEpochs;
  }
}
