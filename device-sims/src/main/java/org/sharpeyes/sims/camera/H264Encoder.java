package org.sharpeyes.sims.camera;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes scene frames as H.264 (OpenH264, Constrained Baseline: what every decoder plays) into
 * MPEG-TS or MP4, through FFmpeg. The FFmpeg that JavaCV ships has no libx264, hence OpenH264. One
 * key frame a second, so a decoder that joins or loses data recovers within a second. Not
 * thread-safe: one thread encodes with, and closes, one encoder.
 */
public final class H264Encoder implements AutoCloseable {

  /** The containers it writes. */
  public enum Container {
    MPEG_TS("mpegts", ".ts"),
    MP4("mp4", ".mp4");

    private final String ffmpegFormat;
    private final String extension;

    Container(String ffmpegFormat, String extension) {
      this.ffmpegFormat = ffmpegFormat;
      this.extension = extension;
    }

    /** The container a file name asks for by its extension, if it is one of ours. */
    public static Optional<Container> ofFile(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      for (Container c : values()) {
        if (name.endsWith(c.extension)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  static final String CODEC = "libopenh264";

  private final FFmpegFrameRecorder recorder;
  private final boolean live;
  private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

  private H264Encoder(FFmpegFrameRecorder recorder, Container container, double fps, boolean live) {
    this.recorder = recorder;
    this.live = live;
    recorder.setFormat(container.ffmpegFormat);
    recorder.setVideoCodecName(CODEC);
    recorder.setVideoOption("profile", "constrained_baseline");
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(fps);
    recorder.setGopSize((int) Math.max(1, Math.round(fps)));
    int width = recorder.getImageWidth();
    int height = recorder.getImageHeight();
    recorder.setVideoBitrate(
        (int) Math.min(8_000_000, Math.max(200_000, width * height * fps / 6)));
  }

  /**
   * An encoder writing a live MPEG-TS stream to {@code out}; the bytes of each frame are handed to
   * {@code out} (and flushed) by {@link #encode} itself, so a reader never waits on a buffer.
   */
  public static H264Encoder toStream(OutputStream out, int width, int height, double fps)
      throws FrameRecorder.Exception {
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, width, height, 0);
    recorder.setCloseOutputStream(false);
    recorder.setOption("flush_packets", "1");
    return start(new H264Encoder(recorder, Container.MPEG_TS, fps, true));
  }

  /** An encoder writing {@code file} in the container its extension names (.ts or .mp4). */
  public static H264Encoder toFile(Path file, int width, int height, double fps)
      throws FrameRecorder.Exception {
    Container container =
        Container.ofFile(file)
            .orElseThrow(
                () -> new IllegalArgumentException(file + ": the name must end in .ts or .mp4"));
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
    return start(new H264Encoder(recorder, container, fps, false));
  }

  /**
   * Starts without JavaCV's global FFmpeg lock, which {@code FFmpegFrameGrabber.start()} holds
   * while it waits for its input: a grabber in the same JVM watching our stream would otherwise
   * keep the encoder that feeds it from starting (FFmpeg itself needs no such lock since 4.0).
   */
  private static H264Encoder start(H264Encoder encoder) throws FrameRecorder.Exception {
    try {
      encoder.recorder.startUnsafe();
      return encoder;
    } catch (FrameRecorder.Exception | RuntimeException e) {
      encoder.recorder.releaseUnsafe();
      throw e;
    }
  }

  /**
   * Encodes one BGR frame of the encoder's size as frame {@code number} of the stream (its
   * presentation time is {@code number / fps}); numbers must grow, and may skip.
   */
  public void encode(Mat bgr, long number) throws FrameRecorder.Exception {
    recorder.setFrameNumber((int) number);
    recorder.record(converter.convert(bgr));
  }

  /**
   * Releases FFmpeg's memory; a file is first finished (the encoder drained, the container's index
   * written). A live stream is not: its viewer has gone, and MPEG-TS needs no ending.
   */
  @Override
  public void close() throws FrameRecorder.Exception {
    try {
      if (live) {
        recorder.releaseUnsafe();
      } else {
        recorder.stop();
      }
    } finally {
      converter.close();
    }
  }
}
