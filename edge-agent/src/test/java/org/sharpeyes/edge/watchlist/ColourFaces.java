package org.sharpeyes.edge.watchlist;

import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.embedding.FaceEmbedder;

/**
 * A stand-in for the face models, so the sync can be tested without model files: every photo that
 * is not black holds one "face" filling it, and its template is its mean colour. Two photos of the
 * same colour are the same person.
 */
final class ColourFaces {

  static final String MODEL = "colour-3";
  static final ModelGroup GROUP = new ModelGroup(MODEL, Path.of("none"), 0.5, Path.of("none"));

  private ColourFaces() {}

  static PhotoEnroller enroller(ModelGroup group) {
    return new PhotoEnroller(new Detector(), new Embedder());
  }

  /** A 64×64 JPEG of one colour (blue, green, red). */
  static byte[] photo(int b, int g, int r) {
    try (Mat m =
            new Mat(
                64, 64, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(b, g, r, 0));
        BytePointer out = new BytePointer()) {
      imencode(".jpg", m, out);
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }

  /** The template the embedder gives a photo of this colour. */
  static float[] template(double b, double g, double r) {
    double n = Math.sqrt(b * b + g * g + r * r);
    return new float[] {(float) (b / n), (float) (g / n), (float) (r / n)};
  }

  private static final class Detector implements FaceDetector {
    @Override
    public List<FaceBox> detect(Mat bgr) {
      Scalar m = mean(bgr);
      if (m.get(0) + m.get(1) + m.get(2) < 30) {
        return List.of();
      }
      return List.of(new FaceBox(0, 0, bgr.cols(), bgr.rows(), 0.9, List.of()));
    }

    @Override
    public String modelId() {
      return "colour-detector";
    }

    @Override
    public void close() {}
  }

  private static final class Embedder implements FaceEmbedder {
    @Override
    public float[] embed(Mat bgr, FaceBox face) {
      Scalar m = mean(bgr);
      return template(m.get(0), m.get(1), m.get(2));
    }

    @Override
    public Mat crop(Mat bgr, FaceBox face) {
      return bgr.clone();
    }

    @Override
    public String modelId() {
      return MODEL;
    }

    @Override
    public void close() {}
  }
}
