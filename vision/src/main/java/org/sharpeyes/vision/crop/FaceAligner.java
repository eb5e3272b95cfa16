package org.sharpeyes.vision.crop;

import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.vision.detection.FaceBox;

/**
 * Cuts a face out of a frame into the square, upright crop an embedding model expects. With
 * BlazeFace's keypoints it fits a similarity transform (rotation, uniform scale, shift) taking the
 * eyes, nose tip and mouth centre to the ArcFace reference positions for a 112×112 crop (the mouth
 * centre's reference is the midpoint of the two mouth corners'). Without keypoints (the cascade),
 * it takes the box, widened a little, as it is.
 */
public final class FaceAligner {

  /** ArcFace's reference points for 112×112: eye on the image left, eye on the right, nose. */
  private static final float[] REFERENCE_112 = {
    38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 56.1396f, 92.2848f
  };

  private final int size;

  /**
   * @param size the side of the square crop, in pixels (the embedding model's input)
   */
  public FaceAligner(int size) {
    this.size = size;
  }

  /**
   * The {@code size}×{@code size} crop of {@code face} in {@code bgr}, a new Mat the caller closes.
   */
  public Mat crop(Mat bgr, FaceBox face) {
    Mat out = new Mat();
    if (face.keypoints().size() >= 4) {
      float scale = size / 112f;
      try (Mat from = new Mat(4, 1, CV_32FC2);
          Mat to = new Mat(4, 1, CV_32FC2)) {
        FloatBuffer f = from.createBuffer();
        FloatBuffer t = to.createBuffer();
        for (int k = 0; k < 4; k++) {
          f.put((float) face.keypoints().get(k).x()).put((float) face.keypoints().get(k).y());
          t.put(REFERENCE_112[2 * k] * scale).put(REFERENCE_112[2 * k + 1] * scale);
        }
        try (Mat transform = estimateAffinePartial2D(from, to)) {
          if (!transform.empty()) {
            try (Size target = new Size(size, size);
                Scalar black = new Scalar(0, 0, 0, 0)) {
              warpAffine(bgr, out, transform, target, INTER_LINEAR, BORDER_REPLICATE, black);
            }
            return out;
          }
        }
      }
    }
    // No keypoints, or no transform fits them: the box, 10 % wider each way, clipped to the frame.
    int pad = (int) Math.round(face.width() * 0.1);
    int x0 = clamp((int) Math.round(face.x()) - pad, bgr.cols() - 1);
    int y0 = clamp((int) Math.round(face.y()) - pad, bgr.rows() - 1);
    int x1 = clamp((int) Math.round(face.x() + face.width()) + pad, bgr.cols());
    int y1 = clamp((int) Math.round(face.y() + face.height()) + pad, bgr.rows());
    try (Rect box = new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
        Mat region = new Mat(bgr, box);
        Size target = new Size(size, size)) {
      resize(region, out, target);
    }
    return out;
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(v, max));
  }
}
