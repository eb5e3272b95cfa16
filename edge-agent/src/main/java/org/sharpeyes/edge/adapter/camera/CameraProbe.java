package org.sharpeyes.edge.adapter.camera;

import java.time.Duration;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * What {@code edge-agent probe} learns of a camera: opens its source exactly as the adapter does,
 * reads (and decodes) frames for a while and measures them. Blocking; bounded by the read time plus
 * the open timeout.
 */
public final class CameraProbe {

  /**
   * What was measured.
   *
   * @param ok whether frames came
   * @param codec the video codec's name, e.g. {@code h264}, or {@code null}
   * @param width frame width in pixels (0 when unknown)
   * @param height frame height
   * @param frames frames decoded during the read
   * @param fps frames decoded per second of wall time (a file is read as fast as it decodes)
   * @param nominalFps the rate the stream announces, 0 when it announces none
   * @param decodeMsPerFrame average time to read and decode one frame
   * @param error why it failed, in words an installer can act on; {@code null} when ok
   */
  public record Result(
      boolean ok,
      String codec,
      int width,
      int height,
      long frames,
      double fps,
      double nominalFps,
      double decodeMsPerFrame,
      String error) {

    /** One line: {@code h264 1920×1080, 24.8 fps, decode 3.1 ms/frame}. */
    public String summary() {
      return String.format(
          Locale.ROOT,
          "%s %d×%d, %.1f fps, decode %.1f ms/frame",
          codec == null ? "unknown codec" : codec,
          width,
          height,
          fps,
          decodeMsPerFrame);
    }
  }

  private CameraProbe() {}

  private static String describe(String source, Exception e) {
    return SourceErrors.describe(source, e);
  }

  /**
   * @param source the configured source (may hold credentials; never printed as is)
   * @param read how long to read frames
   * @param openTimeout the longest an open or a single read may block
   */
  public static Result probe(String source, Duration read, Duration openTimeout) {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    String safe = SourceErrors.safe(source);
    try (FFmpegFrameGrabber grabber = CameraStream.open(source, openTimeout)) {
      String codec = grabber.getVideoCodecName();
      long frames = 0;
      long decodeNanos = 0;
      long start = System.nanoTime();
      long end = start + read.toNanos();
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        Frame frame = grabber.grabImage();
        if (frame == null) {
          break; // the source ended (a file), what was read counts
        }
        decodeNanos += System.nanoTime() - t0;
        frames++;
      }
      double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
      if (frames == 0) {
        return new Result(
            false,
            codec,
            grabber.getImageWidth(),
            grabber.getImageHeight(),
            0,
            0,
            grabber.getFrameRate(),
            0,
            "opened " + safe + " but no frame came — is the stream running?");
      }
      return new Result(
          true,
          codec,
          grabber.getImageWidth(),
          grabber.getImageHeight(),
          frames,
          frames / seconds,
          grabber.getFrameRate(),
          decodeNanos / 1e6 / frames,
          null);
    } catch (Exception e) {
      return new Result(
          false, null, 0, 0, 0, 0, 0, 0, "cannot open " + safe + ": " + describe(source, e));
    }
  }
}
