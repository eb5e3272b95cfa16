package org.sharpeyes.vision.detection;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.sharpeyes.vision.model.ModelFiles;

/**
 * BlazeFace short-range (MediaPipe's {@code face_detection_short_range.tflite}) through OpenCV's
 * DNN module. The frame is letterboxed to a square (aspect ratio kept), scaled to 128×128, RGB
 * normalised to [-1, 1]; the 896 anchors' regressions are decoded into boxes and six keypoints;
 * overlapping boxes are merged by weighted non-maximum suppression, as MediaPipe does, which keeps
 * a face's box steady from frame to frame. Made for faces within a few metres of the camera: a face
 * smaller than about 1/10 of the frame's longer side is not found (crop or use the full-range model
 * for far cameras).
 */
public final class BlazeFaceDetector implements FaceDetector {

  public static final String MODEL_ID = "blazeface-short-range";

  static final int COORDS = 16;
  static final int KEYPOINTS = 6;
  static final double SCORE_CLIP = 100;
  static final double MERGE_IOU = 0.3;

  private final Net net;
  private final float[][] anchors = BlazeFaceAnchors.centres();
  private final double minScore;
  private final float[] regressors = new float[BlazeFaceAnchors.COUNT * COORDS];
  private final float[] scores = new float[BlazeFaceAnchors.COUNT];
  private final Mat square = new Mat();
  private final Size inputSize = new Size(BlazeFaceAnchors.INPUT_SIZE, BlazeFaceAnchors.INPUT_SIZE);
  private final Scalar mean = new Scalar(127.5, 127.5, 127.5, 0);
  private final Scalar black = new Scalar(0, 0, 0, 0);

  private BlazeFaceDetector(Net net, double minScore) {
    this.net = net;
    this.minScore = minScore;
  }

  /**
   * @param model the {@code .tflite} file
   * @param minScore faces scoring below are dropped (MediaPipe uses 0.5)
   * @throws IllegalArgumentException when the file is missing or OpenCV cannot load it, saying
   *     which
   */
  public static BlazeFaceDetector load(Path model, double minScore) {
    Net net = ModelFiles.load(model, "face detector", path -> readNetFromTFLite(path));
    return new BlazeFaceDetector(net, minScore);
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public List<FaceBox> detect(Mat bgr) {
    if (bgr == null || bgr.empty() || bgr.channels() != 3) {
      return List.of();
    }
    int width = bgr.cols();
    int height = bgr.rows();
    int side = Math.max(width, height);
    int padX = (side - width) / 2;
    int padY = (side - height) / 2;
    copyMakeBorder(
        bgr, square, padY, side - height - padY, padX, side - width - padX, BORDER_CONSTANT, black);
    try (Mat blob = blobFromImage(square, 1 / 127.5, inputSize, mean, true, false, CV_32F);
        MatVector outputs = new MatVector()) {
      net.setInput(blob);
      net.forward(outputs, net.getUnconnectedOutLayersNames());
      if (!read(outputs)) {
        return List.of();
      }
    }
    return merge(decode(), side, padX, padY);
  }

  /** Copies the two outputs, told apart by their sizes (their order is not fixed). */
  private boolean read(MatVector outputs) {
    boolean gotBoxes = false;
    boolean gotScores = false;
    for (long i = 0; i < outputs.size(); i++) {
      Mat out = outputs.get(i);
      FloatBuffer values = out.createBuffer();
      if (out.total() == regressors.length) {
        values.get(regressors);
        gotBoxes = true;
      } else if (out.total() == scores.length) {
        values.get(scores);
        gotScores = true;
      }
    }
    return gotBoxes && gotScores;
  }

  /** Candidates above the score threshold, in input fractions, best first. */
  private List<Candidate> decode() {
    List<Candidate> found = new ArrayList<>();
    double scale = BlazeFaceAnchors.INPUT_SIZE;
    for (int i = 0; i < BlazeFaceAnchors.COUNT; i++) {
      double logit = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, scores[i]));
      double score = 1 / (1 + Math.exp(-logit));
      if (score < minScore) {
        continue;
      }
      int o = i * COORDS;
      double cx = regressors[o] / scale + anchors[i][0];
      double cy = regressors[o + 1] / scale + anchors[i][1];
      double w = regressors[o + 2] / scale;
      double h = regressors[o + 3] / scale;
      double[] values = new double[4 + 2 * KEYPOINTS];
      values[0] = cx - w / 2;
      values[1] = cy - h / 2;
      values[2] = cx + w / 2;
      values[3] = cy + h / 2;
      for (int k = 0; k < KEYPOINTS; k++) {
        values[4 + 2 * k] = regressors[o + 4 + 2 * k] / scale + anchors[i][0];
        values[5 + 2 * k] = regressors[o + 5 + 2 * k] / scale + anchors[i][1];
      }
      found.add(new Candidate(score, values));
    }
    found.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return found;
  }

  /**
   * Weighted non-maximum suppression: each remaining best candidate absorbs the others that overlap
   * it by more than {@link #MERGE_IOU}; the merged box is their score-weighted mean.
   */
  private static List<FaceBox> merge(List<Candidate> candidates, int side, int padX, int padY) {
    List<FaceBox> faces = new ArrayList<>();
    List<Candidate> left = new ArrayList<>(candidates);
    while (!left.isEmpty()) {
      Candidate best = left.get(0);
      double[] sum = new double[best.values.length];
      double weights = 0;
      List<Candidate> rest = new ArrayList<>();
      for (Candidate c : left) {
        if (c == best || best.iou(c) > MERGE_IOU) {
          for (int k = 0; k < sum.length; k++) {
            sum[k] += c.values[k] * c.score;
          }
          weights += c.score;
        } else {
          rest.add(c);
        }
      }
      List<FaceBox.Point> keypoints = new ArrayList<>(KEYPOINTS);
      for (int k = 0; k < KEYPOINTS; k++) {
        keypoints.add(
            new FaceBox.Point(
                sum[4 + 2 * k] / weights * side - padX, sum[5 + 2 * k] / weights * side - padY));
      }
      double x0 = sum[0] / weights * side - padX;
      double y0 = sum[1] / weights * side - padY;
      double x1 = sum[2] / weights * side - padX;
      double y1 = sum[3] / weights * side - padY;
      faces.add(new FaceBox(x0, y0, x1 - x0, y1 - y0, best.score, keypoints));
      left = rest;
    }
    return faces;
  }

  @Override
  public void close() {
    net.close();
    square.close();
    inputSize.close();
    mean.close();
    black.close();
  }

  private record Candidate(double score, double[] values) {
    double iou(Candidate o) {
      double w = Math.min(values[2], o.values[2]) - Math.max(values[0], o.values[0]);
      double h = Math.min(values[3], o.values[3]) - Math.max(values[1], o.values[1]);
      double inter = Math.max(0, w) * Math.max(0, h);
      double a = (values[2] - values[0]) * (values[3] - values[1]);
      double b = (o.values[2] - o.values[0]) * (o.values[3] - o.values[1]);
      double union = a + b - inter;
      return union <= 0 ? 0 : inter / union;
    }
  }
}
