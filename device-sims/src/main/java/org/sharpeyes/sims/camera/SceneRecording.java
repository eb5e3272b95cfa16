package org.sharpeyes.sims.camera;

import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A scene written to a video file for offline use: H.264 in MPEG-TS ({@code .ts}) or MP4 ({@code
 * .mp4}). Frame {@code n} of the file is the frame a {@link CameraSimulator} with the same scene,
 * frame rate and loop plays as its frame {@code n}, so the file's time is the stream's time.
 */
public final class SceneRecording {

  private SceneRecording() {}

  /** Frames in {@code duration} at {@code fps}, rounded to the nearest. */
  public static long frameCount(double fps, Duration duration) {
    return Math.round(duration.toNanos() * fps / 1_000_000_000d);
  }

  /**
   * Renders and encodes the scene from its start for {@code duration}, looping every {@code loop};
   * returns the number of frames written. Blocks the calling thread while encoding (roughly as long
   * as playing would take, or less).
   */
  public static long write(Scene scene, double fps, Duration loop, Duration duration, Path file)
      throws FrameRecorder.Exception {
    long count = frameCount(fps, duration);
    try (Mat frame = new Mat();
        H264Encoder encoder = H264Encoder.toFile(file, scene.width(), scene.height(), fps)) {
      for (long n = 0; n < count; n++) {
        scene.render(Scene.timeOfFrame(n, fps, loop), frame);
        encoder.encode(frame, n);
      }
    }
    return count;
  }
}
