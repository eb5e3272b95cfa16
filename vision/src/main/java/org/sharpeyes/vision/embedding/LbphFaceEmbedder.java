package org.sharpeyes.vision.embedding;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.nio.FloatBuffer;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_face.LBPHFaceRecognizer;
import org.sharpeyes.vision.crop.FaceAligner;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.matching.FaceMatcher;

/**
 * The fallback embedder, needing no model file: OpenCV-contrib's local binary pattern histograms
 * (radius 1, 8 neighbours, an 8×8 grid of 256-bin histograms) of the grey, equalised 112×112 crop.
 * The template is the square root of the histograms, L2-normalised, so the cosine of two templates
 * is their Hellinger affinity and the same {@link FaceMatcher} serves. Much weaker than the DNN
 * model: it tolerates lighting and scale, not pose; its thresholds are higher (see {@code
 * docs/config.md}). Its model id is {@link #MODEL_ID}, so its templates never meet the DNN's.
 */
public final class LbphFaceEmbedder implements FaceEmbedder {

  public static final String MODEL_ID = "lbph-r1n8g8";
  static final int SIZE = 112;

  /**
   * Thresholds by risk level in place of the configured ones (which suit the DNN model), from the
   * sample photos: see {@code FaceEmbedderTest} and {@code docs/performance.md}.
   */
  public static final Map<String, Double> THRESHOLDS =
      Map.of("red", 0.75, "orange", 0.77, "yellow", 0.80);

  private final LBPHFaceRecognizer lbph = LBPHFaceRecognizer.create(1, 8, 8, 8, Double.MAX_VALUE);
  private final FaceAligner aligner = new FaceAligner(SIZE);
  private final Mat label = new Mat(1, 1, CV_32S, new Scalar(0));

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public Mat crop(Mat bgr, FaceBox face) {
    return aligner.crop(bgr, face);
  }

  @Override
  public float[] embed(Mat bgr, FaceBox face) {
    try (Mat aligned = aligner.crop(bgr, face);
        Mat grey = new Mat();
        MatVector one = new MatVector(1)) {
      cvtColor(aligned, grey, COLOR_BGR2GRAY);
      equalizeHist(grey, grey);
      one.put(0, grey);
      lbph.train(one, label); // computes the histograms of this one image
      try (MatVector histograms = lbph.getHistograms();
          Mat h = histograms.get(0)) {
        float[] v = new float[(int) h.total()];
        FloatBuffer values = h.createBuffer();
        values.get(v);
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) Math.sqrt(Math.max(0, v[i]));
        }
        return OnnxFaceEmbedder.normalise(v);
      }
    }
  }

  @Override
  public void close() {
    lbph.close();
    label.close();
  }
}
