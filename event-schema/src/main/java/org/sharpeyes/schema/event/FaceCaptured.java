package org.sharpeyes.schema.event;

/**
 * A face seen by a camera that matched no watchlist entry.
 *
 * @param bbox where the face is in the analysed frame
 * @param quality detector score, 0..1
 * @param snapshot the aligned crop, or {@code null}
 * @param embedding the template, or {@code null} when the edge does not send it
 */
public record FaceCaptured(
    BoundingBox bbox, double quality, SnapshotRef snapshot, FaceEmbedding embedding)
    implements EventData {
  @Override
  public EventType eventType() {
    return EventType.FACE_CAPTURED;
  }
}
