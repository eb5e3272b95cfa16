package org.sharpeyes.sims.portrait;

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
 * OpenCV's Haar cascades for frontal faces ({@code haarcascade_frontalface_alt2.xml}) and for eyes
 * ({@code haarcascade_eye.xml}), loaded from the OpenCV jar itself by {@link OpenCvCascades}, so no
 * model file is needed. They find roughly frontal faces only, which is what a watchlist portrait
 * needs. Not thread-safe.
 */
public final class FrontalFaceCascade implements AutoCloseable {

  /** A face found, in pixels of the image searched. */
  public record Face(int x, int y, int width, int height) {
    public double centreX() {
      return x + width / 2.0;
    }

    public double centreY() {
      return y + height / 2.0;
    }
  }

  private final CascadeClassifier faces;
  private final CascadeClassifier eyes;

  private FrontalFaceCascade(CascadeClassifier faces, CascadeClassifier eyes) {
    this.faces = faces;
    this.eyes = eyes;
  }

  /**
   * Unpacks the cascades from the OpenCV jar (into JavaCPP's cache folder) and loads them.
   *
   * @throws IllegalStateException when the jar lacks them or OpenCV cannot read them
   */
  public static FrontalFaceCascade load() {
    CascadeClassifier faces = OpenCvCascades.load(OpenCvCascades.FRONTAL_FACE);
    try {
      return new FrontalFaceCascade(faces, OpenCvCascades.load(OpenCvCascades.EYE));
    } catch (IllegalStateException e) {
      faces.close();
      throw e;
    }
  }

  /** The faces at least {@code minSide} pixels wide in a BGR image, left to right. */
  public List<Face> find(Mat bgr, int minSide) {
    List<Face> found = new ArrayList<>();
    try (Mat grey = grey(bgr);
        RectVector boxes = new RectVector();
        Size min = new Size(minSide, minSide);
        Size max = new Size()) {
      faces.detectMultiScale(grey, boxes, 1.1, 4, 0, min, max);
      for (long i = 0; i < boxes.size(); i++) {
        Rect r = boxes.get(i);
        found.add(new Face(r.x(), r.y(), r.width(), r.height()));
      }
    }
    found.sort(Comparator.comparingInt(Face::x));
    return found;
  }

  /**
   * Eyes found in the upper part of {@code face}: a frontal face with its eyes open has two. The
   * face cascade alone takes a badge or a blur for a face now and then; they have no eyes.
   */
  public int eyesIn(Mat bgr, Face face) {
    int eyeMin = Math.max(8, face.width() / 8);
    int eyeMax = Math.max(eyeMin + 1, face.width() / 2);
    try (Mat grey = grey(bgr);
        Rect upper = new Rect(face.x(), face.y(), face.width(), face.height() * 6 / 10);
        Mat area = grey.apply(upper);
        RectVector boxes = new RectVector();
        Size min = new Size(eyeMin, eyeMin);
        Size max = new Size(eyeMax, eyeMax)) {
      eyes.detectMultiScale(area, boxes, 1.1, 3, 0, min, max);
      return (int) boxes.size();
    }
  }

  private static Mat grey(Mat bgr) {
    Mat grey = new Mat();
    cvtColor(bgr, grey, COLOR_BGR2GRAY);
    equalizeHist(grey, grey);
    return grey;
  }

  @Override
  public void close() {
    faces.close();
    eyes.close();
  }
}
