package org.sharpeyes.vision.detection;

import java.util.List;

/**
 * A face found in a frame, in the frame's pixels.
 *
 * @param x left edge
 * @param y top edge
 * @param width box width
 * @param height box height
 * @param score the detector's confidence, 0..1 (1 for detectors that give none)
 * @param keypoints landmarks where the detector yields them (BlazeFace: right eye, left eye, nose
 *     tip, mouth centre, right ear tragion, left ear tragion — "right" as the person sees it);
 *     empty otherwise
 */
public record FaceBox(
    double x, double y, double width, double height, double score, List<Point> keypoints) {

  public FaceBox {
    keypoints = List.copyOf(keypoints);
  }

  /** A point in the frame's pixels. */
  public record Point(double x, double y) {}

  public double area() {
    return Math.max(0, width) * Math.max(0, height);
  }

  /** Intersection over union with {@code other}: 0 when apart, 1 when the same box. */
  public double iou(FaceBox other) {
    double left = Math.max(x, other.x);
    double top = Math.max(y, other.y);
    double right = Math.min(x + width, other.x + other.width);
    double bottom = Math.min(y + height, other.y + other.height);
    double inter = Math.max(0, right - left) * Math.max(0, bottom - top);
    double union = area() + other.area() - inter;
    return union <= 0 ? 0 : inter / union;
  }

  public double centreX() {
    return x + width / 2;
  }

  public double centreY() {
    return y + height / 2;
  }
}
