package org.sharpeyes.vision.crop;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.vision.detection.FaceBox;

/** Head-and-shoulders crops around a face, as JPEG: what enrolment keeps and sends to edges. */
public final class FaceCrops {

  private FaceCrops() {}

  /**
   * A square around {@code face}, {@code factor} times its larger side, clipped to the image and
   * scaled down to at most {@code maxSide} pixels.
   */
  public static byte[] portrait(Mat bgr, FaceBox face, double factor, int maxSide) {
    int side = (int) Math.round(Math.max(face.width(), face.height()) * factor);
    int x = clamp((int) Math.round(face.centreX() - side / 2.0), 0, bgr.cols() - 1);
    int y = clamp((int) Math.round(face.centreY() - side / 2.0), 0, bgr.rows() - 1);
    int w = Math.min(side, bgr.cols() - x);
    int h = Math.min(side, bgr.rows() - y);
    try (Rect r = new Rect(x, y, w, h);
        Mat region = bgr.apply(r);
        Mat out = new Mat();
        BytePointer jpeg = new BytePointer();
        IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 90)) {
      double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
      if (scale < 1.0) {
        try (Size size = new Size((int) Math.round(w * scale), (int) Math.round(h * scale))) {
          resize(region, out, size, 0, 0, INTER_AREA);
        }
      } else {
        region.copyTo(out);
      }
      imencode(".jpg", out, jpeg, params);
      byte[] bytes = new byte[(int) jpeg.limit()];
      jpeg.get(bytes);
      return bytes;
    }
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
