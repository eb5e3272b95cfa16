package org.sharpeyes.vision.detection;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.sharpeyes.vision.model.OpenCvCascades;

/**
 * The fallback detector: an OpenCV Haar cascade for frontal faces, shipped inside OpenCV's own jar,
 * so it works with no model file at all. Slower than BlazeFace and without keypoints (embeddings
 * then use an unaligned crop), and it finds only roughly frontal faces.
 */
public final class CascadeFaceDetector implements FaceDetector {

  public static final String MODEL_ID = "haar-frontalface-alt2";

  private final CascadeClassifier cascade;
  private final Mat grey = new Mat();
  private final double minFaceFraction;

  private CascadeFaceDetector(CascadeClassifier cascade, double minFaceFraction) {
    this.cascade = cascade;
    this.minFaceFraction = minFaceFraction;
  }

  /**
   * @param minFaceFraction the smallest face searched for, as a fraction of the frame's shorter
   *     side (smaller is slower)
   * @throws IllegalStateException when OpenCV's jar lacks the cascade or cannot read it
   */
  public static CascadeFaceDetector frontalFace(double minFaceFraction) {
    return new CascadeFaceDetector(
        OpenCvCascades.load(OpenCvCascades.FRONTAL_FACE), minFaceFraction);
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
    cvtColor(bgr, grey, COLOR_BGR2GRAY);
    equalizeHist(grey, grey);
    int min = Math.max(20, (int) (Math.min(bgr.cols(), bgr.rows()) * minFaceFraction));
    List<FaceBox> faces = new ArrayList<>();
    try (RectVector found = new RectVector();
        Size minSize = new Size(min, min);
        Size maxSize = new Size()) {
      cascade.detectMultiScale(grey, found, 1.1, 4, 0, minSize, maxSize);
      for (long i = 0; i < found.size(); i++) {
        Rect r = found.get(i);
        faces.add(new FaceBox(r.x(), r.y(), r.width(), r.height(), 1.0, List.of()));
      }
    }
    faces.sort(Comparator.comparingDouble(FaceBox::area).reversed());
    return faces;
  }

  @Override
  public void close() {
    cascade.close();
    grey.close();
  }
}
