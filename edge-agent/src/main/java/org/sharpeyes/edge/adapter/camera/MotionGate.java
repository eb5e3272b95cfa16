package org.sharpeyes.edge.adapter.camera;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.contourArea;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Decides whether a frame is worth a detector call: frame differencing on a small grey copy
 * (blurred against sensor noise). Pixels that changed by more than {@code pixelThreshold} grey
 * levels since the previous analysed frame are grouped into regions; regions smaller than {@code
 * minAreaFraction} of the frame are ignored (leaves, rain, compression noise). The first frame, and
 * the first after a change of size, always counts as motion. One per camera, on its analysis
 * thread.
 */
public final class MotionGate implements AutoCloseable {

  /** A region that moved, in the full frame's pixels. */
  public record Region(int x, int y, int width, int height) {}

  /** What the gate saw in one frame. */
  public record Motion(boolean moving, List<Region> regions) {
    static final Motion UNKNOWN = new Motion(true, List.of());
  }

  private final int width;
  private final int pixelThreshold;
  private final double minAreaFraction;
  private final Mat small = new Mat();
  private final Mat grey = new Mat();
  private final Mat previous = new Mat();
  private final Mat diff = new Mat();
  private final Mat kernel = new Mat();
  private final Size blur = new Size(5, 5);
  private int frameCols = -1;
  private int frameRows = -1;

  /**
   * @param width the width of the grey copy compared (e.g. 160); its height keeps the aspect ratio
   * @param pixelThreshold grey levels (0..255) a pixel must change by to count
   * @param minAreaFraction the smallest moving region that counts, as a fraction of the frame
   */
  public MotionGate(int width, int pixelThreshold, double minAreaFraction) {
    this.width = width;
    this.pixelThreshold = pixelThreshold;
    this.minAreaFraction = minAreaFraction;
  }

  public Motion check(Mat bgr) {
    if (bgr == null || bgr.empty()) {
      return new Motion(false, List.of());
    }
    int height = Math.max(1, (int) Math.round((double) bgr.rows() * width / bgr.cols()));
    try (Size size = new Size(width, height)) {
      resize(bgr, small, size, 0, 0, INTER_AREA);
    }
    cvtColor(small, grey, COLOR_BGR2GRAY);
    GaussianBlur(grey, grey, blur, 0);
    boolean sameShape = bgr.cols() == frameCols && bgr.rows() == frameRows;
    frameCols = bgr.cols();
    frameRows = bgr.rows();
    if (!sameShape || previous.empty()) {
      grey.copyTo(previous);
      return Motion.UNKNOWN;
    }
    absdiff(grey, previous, diff);
    grey.copyTo(previous);
    threshold(diff, diff, pixelThreshold, 255, THRESH_BINARY);
    dilate(diff, diff, kernel); // join the edges of one moving thing into one region
    dilate(diff, diff, kernel);
    double minArea = minAreaFraction * width * height;
    double scale = (double) bgr.cols() / width;
    List<Region> regions = new ArrayList<>();
    try (MatVector contours = new MatVector();
        Mat hierarchy = new Mat()) {
      findContours(diff, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
      for (long i = 0; i < contours.size(); i++) {
        Mat contour = contours.get(i);
        if (contourArea(contour) < minArea) {
          continue;
        }
        try (Rect r = boundingRect(contour)) {
          regions.add(
              new Region(
                  (int) Math.floor(r.x() * scale),
                  (int) Math.floor(r.y() * scale),
                  (int) Math.ceil(r.width() * scale),
                  (int) Math.ceil(r.height() * scale)));
        }
      }
    }
    return new Motion(!regions.isEmpty(), regions);
  }

  @Override
  public void close() {
    small.close();
    grey.close();
    previous.close();
    diff.close();
    kernel.close();
    blur.close();
  }
}
