package org.sharpeyes.vision.embedding;

import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.vision.detection.FaceBox;

/**
 * Turns a face into a template: a vector whose cosine similarity to another template of the same
 * model says how alike the two faces are. Templates of different models are never compared (see
 * {@link #modelId()}). One instance per analysis thread; not thread-safe.
 */
public interface FaceEmbedder extends AutoCloseable {

  /**
   * The template of {@code face} in {@code bgr}, L2-normalised (so the dot product is the cosine).
   */
  float[] embed(Mat bgr, FaceBox face);

  /**
   * The crop the template is computed from (aligned when the face has keypoints); caller closes.
   */
  Mat crop(Mat bgr, FaceBox face);

  /** Recorded with every template and event; templates of different models never meet. */
  String modelId();

  @Override
  void close();

  /** Cosine similarity of two L2-normalised templates of the same length. */
  static double similarity(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "templates of different sizes (" + a.length + ", " + b.length + ")");
    }
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
