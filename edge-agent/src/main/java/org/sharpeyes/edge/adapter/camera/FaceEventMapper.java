package org.sharpeyes.edge.adapter.camera;

import java.time.Instant;
import org.sharpeyes.schema.event.BoundingBox;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.FaceCaptured;
import org.sharpeyes.schema.event.FaceMatched;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.matching.MatchConfirmer;

/** Turns what a camera's analysis finds into contract events ({@code seq} 0; the sink numbers). */
final class FaceEventMapper {

  private final String edgeId;
  private final String deviceId;
  private final EventIds eventIds;

  FaceEventMapper(String edgeId, String deviceId, EventIds eventIds) {
    this.edgeId = edgeId;
    this.deviceId = deviceId;
    this.eventIds = eventIds;
  }

  EdgeEvent matched(MatchConfirmer.Confirmed who, String modelId, byte[] cropJpeg, Instant at) {
    FaceMatched data =
        new FaceMatched(
            who.personId(),
            clamp(who.similarity()),
            who.threshold(),
            modelId,
            who.framesAgreeing(),
            snapshot(cropJpeg));
    return new EdgeEvent(eventIds.next(), edgeId, deviceId, 0, at, data);
  }

  EdgeEvent captured(FaceBox face, byte[] cropJpeg, Instant at) {
    BoundingBox box =
        new BoundingBox(
            (int) Math.max(0, Math.round(face.x())),
            (int) Math.max(0, Math.round(face.y())),
            (int) Math.max(1, Math.round(face.width())),
            (int) Math.max(1, Math.round(face.height())));
    FaceCaptured data = new FaceCaptured(box, clamp(face.score()), snapshot(cropJpeg), null);
    return new EdgeEvent(eventIds.next(), edgeId, deviceId, 0, at, data);
  }

  private static SnapshotRef snapshot(byte[] jpeg) {
    return jpeg == null ? null : new SnapshotRef(SnapshotRef.JPEG, jpeg.length);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
