package org.sharpeyes.edge.adapter.camera;

import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.detection.FaceDetectors;
import org.sharpeyes.vision.embedding.FaceEmbedder;
import org.sharpeyes.vision.embedding.FaceEmbedders;

/**
 * The native parts one camera's analysis holds: the face detector, the embedder and the motion
 * gate. Loaded once per start on the blocking executor (reading a model takes up to a second or
 * two), used by the stream's one task, closed once that task has ended. Not thread-safe.
 *
 * @param motion the motion gate, or {@code null} when it is off
 */
record CameraModels(FaceDetector detector, FaceEmbedder embedder, MotionGate motion)
    implements AutoCloseable {

  /**
   * The smallest face the cascade fallback looks for, as a fraction of the frame's shorter side.
   */
  static final double CASCADE_MIN_FACE = 0.05;

  /**
   * Loads the models a camera's settings name. A file that is missing means the fallback (Haar
   * cascade, LBPH) with a warning; a file that is there but cannot be loaded is an error.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it; nothing is left
   *     open
   */
  static CameraModels load(CameraAdapterConfig config) {
    CameraAdapterConfig.Faces faces = config.faces();
    FaceDetector detector =
        FaceDetectors.open(faces.detectorModel(), faces.minScore(), CASCADE_MIN_FACE);
    FaceEmbedder embedder;
    try {
      embedder = FaceEmbedders.open(faces.embedderModel(), faces.embedderModelId());
    } catch (RuntimeException e) {
      detector.close();
      throw e;
    }
    CameraAdapterConfig.Motion m = config.motion();
    MotionGate motion = m == null ? null : new MotionGate(m.width(), m.threshold(), m.minArea());
    return new CameraModels(detector, embedder, motion);
  }

  @Override
  public void close() {
    detector.close();
    embedder.close();
    if (motion != null) {
      motion.close();
    }
  }
}
