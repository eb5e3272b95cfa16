package org.sharpeyes.vision.detection;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds faces in a frame. Implementations hold native resources: one instance per analysis thread
 * (they are not thread-safe), closed when the camera stops.
 */
public interface FaceDetector extends AutoCloseable {

  /**
   * Faces in {@code bgr} (8-bit, 3 channels, as OpenCV decodes), best first. Never throws on an
   * ordinary frame; an empty or unusable frame gives no faces.
   */
  List<FaceBox> detect(Mat bgr);

  /**
   * Which model found the faces, recorded with every event (e.g. {@code blazeface-short-range}).
   */
  String modelId();

  @Override
  void close();
}
