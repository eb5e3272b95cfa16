package org.sharpeyes.sims.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A synthetic street scene: a fixed background (road, buildings), clutter that drifts across it
 * (vehicles, as grey boxes), and face photos that walk through the frame on a script. Frame {@code
 * n} depends only on {@code n}, the frame rate and the seed, so a run can be replayed.
 */
public final class Scene implements AutoCloseable {

  private final int width;
  private final int height;
  private final List<Walker> walkers;
  private final List<Mat> photos = new ArrayList<>();
  private final Mat background;
  private final long seed;

  public Scene(int width, int height, List<Walker> walkers, long seed) {
    this.width = width;
    this.height = height;
    this.walkers = List.copyOf(walkers);
    this.seed = seed;
    for (Walker w : walkers) {
      Mat photo = imread(w.photo().toString());
      if (photo.empty()) {
        throw new IllegalArgumentException("cannot read the photo " + w.photo());
      }
      photos.add(photo);
    }
    this.background = background();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public List<Walker> walkers() {
    return walkers;
  }

  /**
   * Where in a scene that loops every {@code loop} frame {@code n} falls when played at {@code
   * fps}: frame 0 is the start of the scene.
   */
  public static Duration timeOfFrame(long n, double fps, Duration loop) {
    long nanos = Math.round(n * 1_000_000_000d / fps);
    return Duration.ofNanos(nanos % Math.max(1, loop.toNanos()));
  }

  private Mat background() {
    Mat m = new Mat(height, width, CV_8UC3, new Scalar(120, 118, 112, 0));
    Random r = new Random(seed);
    for (int i = 0; i < 6; i++) {
      int w = width / 8 + r.nextInt(width / 8);
      int x = i * width / 6;
      int h = height / 4 + r.nextInt(height / 4);
      int shade = 50 + r.nextInt(60);
      rectangle(
          m,
          new Rect(x, 0, Math.min(w, width - x), h),
          new Scalar(shade, shade + 5, shade + 10, 0),
          FILLED,
          8,
          0);
    }
    rectangle(
        m, new Rect(0, height * 3 / 4, width, height / 4), new Scalar(80, 80, 80, 0), FILLED, 8, 0);
    return m;
  }

  /** Renders the scene at {@code t} into {@code frame} (allocated when empty). */
  public void render(Duration t, Mat frame) {
    background.copyTo(frame);
    double seconds = t.toMillis() / 1000.0;
    Random r = new Random(seed + 1);
    for (int i = 0; i < 3; i++) {
      double speed = 0.05 + r.nextDouble() * 0.1; // fraction of the width per second
      double phase = r.nextDouble();
      int cw = width / 10;
      int ch = height / 12;
      int x = (int) ((((phase + seconds * speed) % 1.0) * (width + cw)) - cw);
      int y = height * 3 / 4 + i * ch / 2;
      int left = Math.max(0, x);
      int right = Math.min(width, x + cw);
      if (right > left) {
        rectangle(
            frame,
            new Rect(left, y, right - left, Math.min(ch, height - y)),
            new Scalar(40 + 60 * i, 40, 160 - 40 * i, 0),
            FILLED,
            8,
            0);
      }
    }
    for (int i = 0; i < walkers.size(); i++) {
      Walker w = walkers.get(i);
      if (w.inView(t)) {
        paste(frame, photos.get(i), w, w.progress(t));
      }
    }
  }

  private void paste(Mat frame, Mat photo, Walker w, double progress) {
    int h = Math.max(8, (int) (w.height() * height));
    int pw = Math.max(8, (int) ((double) photo.cols() * h / photo.rows()));
    int x = (int) ((w.fromX() + (w.toX() - w.fromX()) * progress) * width);
    int y = (int) (w.y() * height);
    int left = Math.max(0, x);
    int top = Math.max(0, y);
    int right = Math.min(width, x + pw);
    int bottom = Math.min(height, y + h);
    if (right <= left || bottom <= top) {
      return;
    }
    try (Mat scaled = new Mat();
        Size size = new Size(pw, h)) {
      resize(photo, scaled, size);
      try (Rect from = new Rect(left - x, top - y, right - left, bottom - top);
          Rect to = new Rect(left, top, right - left, bottom - top);
          Mat part = scaled.apply(from);
          Mat target = frame.apply(to)) {
        part.copyTo(target);
      }
    }
  }

  @Override
  public void close() {
    photos.forEach(Mat::close);
    background.close();
  }
}
