package org.sharpeyes.schema.event;

/**
 * A face confirmed over several frames as a watchlist entry.
 *
 * @param personId the watchlist entry id
 * @param similarity cosine similarity, 0..1
 * @param threshold the threshold that applied
 * @param modelId the model that computed both templates
 * @param framesUsed how many frames agreed before the match was named
 * @param snapshot the aligned crop, or {@code null}
 */
public record FaceMatched(
    String personId,
    double similarity,
    double threshold,
    String modelId,
    int framesUsed,
    SnapshotRef snapshot)
    implements EventData {
  @Override
  public EventType eventType() {
    return EventType.FACE_MATCHED;
  }
}
