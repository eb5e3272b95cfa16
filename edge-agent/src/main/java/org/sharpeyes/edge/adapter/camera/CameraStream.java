package org.sharpeyes.edge.adapter.camera;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.runtime.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one camera on a thread of its own, through JavaCV's FFmpeg grabber, whatever the source:
 * {@code rtsp://}, {@code http(s)://} (MJPEG, MPEG-TS) or a file (played at its own pace, looped
 * when asked). Frames above the analysis rate are dropped before any conversion; the others are
 * turned into a BGR {@link Mat} (downscaled when asked) and handed to the {@link FrameSink} on this
 * thread. A source that fails, ends or sends nothing for the watchdog time is closed and opened
 * again after a capped, jittered backoff; the last error is kept in words.
 */
final class CameraStream implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(CameraStream.class);
  private static final int ERRORS_BEFORE_RECONNECT = 25;
  static final String END_OF_FILE = "end of file";

  /** Takes the analysed frames, on the stream's thread. The Mat is only valid during the call. */
  interface FrameSink {
    void onFrame(Mat bgr, Instant at);
  }

  /** Told when the source delivers again and when it fails; on the stream's thread. */
  interface Listener {
    Listener NONE =
        new Listener() {
          @Override
          public void connected(String source) {}

          @Override
          public void failed(String why) {}
        };

    void connected(String source);

    /** The source failed, ended or went quiet; {@code why} in words. It will be reopened. */
    void failed(String why);
  }

  /**
   * @param source URL or file path
   * @param loop for a file: start again at its end
   * @param analysisWidth frames wider than this are scaled down to it; 0 keeps them
   * @param watchdog a source silent for this long is reopened
   */
  record Settings(
      String source, boolean loop, double analysisFps, int analysisWidth, Duration watchdog) {}

  private final Settings settings;
  private final Backoff backoff;
  private final Clock clock;
  private final FrameSink sink;
  private final Listener listener;
  private final CameraCounters counters;
  private final boolean isFile;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
  private final Mat scaled = new Mat();

  private volatile ConnectionState state = ConnectionState.DISCONNECTED;
  private volatile String lastError;
  private volatile Instant lastFrameAt;
  private volatile boolean ended;

  CameraStream(
      Settings settings,
      Backoff backoff,
      Clock clock,
      FrameSink sink,
      Listener listener,
      CameraCounters counters) {
    this.settings = settings;
    this.backoff = backoff;
    this.clock = clock;
    this.sink = sink;
    this.listener = listener;
    this.counters = counters;
    String s = settings.source();
    this.isFile = !s.contains("://") || s.startsWith("file:");
  }

  ConnectionState state() {
    return state;
  }

  String lastError() {
    return lastError;
  }

  /** When the last frame was read, or null before the first. */
  Instant lastFrameAt() {
    return lastFrameAt;
  }

  /** Whether a file without {@code loop} has been played to its end (the stream then stops). */
  boolean ended() {
    return ended;
  }

  /** Asks the loop to end; it closes the source within the watchdog time at most. */
  void stop() {
    stop.countDown();
  }

  @Override
  public void run() {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    int failures = 0;
    while (stop.getCount() > 0) {
      state = ConnectionState.CONNECTING;
      boolean gotFrames = false;
      try (FFmpegFrameGrabber grabber = open()) {
        gotFrames = read(grabber);
      } catch (Exception e) {
        lastError = SourceErrors.describe(settings.source(), e);
        LOG.debug("camera {}: {}", SourceErrors.safe(settings.source()), lastError, e);
      }
      if (stop.getCount() == 0) {
        break;
      }
      listener.failed(lastError == null ? "the source stopped" : lastError);
      if (gotFrames && isFile && !settings.loop() && END_OF_FILE.equals(lastError)) {
        ended = true; // a file played once is done, not a camera to reconnect to
        break;
      }
      state = ConnectionState.DISCONNECTED;
      failures = gotFrames ? 0 : failures + 1;
      counters.reconnects.incrementAndGet();
      try {
        if (stop.await(backoff.delayAfter(failures).toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    state = ConnectionState.DISCONNECTED;
    scaled.close();
    converter.close();
  }

  private FFmpegFrameGrabber open() throws FrameGrabber.Exception {
    return open(settings.source(), settings.watchdog());
  }

  /**
   * Opens a source as the stream does (RTSP over TCP; a blocking open or read is aborted after
   * {@code timeout}); {@code probe} opens cameras the same way.
   */
  static FFmpegFrameGrabber open(String configured, Duration timeout)
      throws FrameGrabber.Exception {
    String source = configured.startsWith("file:") ? configured.substring(5) : configured;
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source);
    int watchdogMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    grabber.setTimeout(watchdogMs); // aborts a blocking open or read after this long
    if (source.startsWith("rtsp://")) {
      grabber.setOption("rtsp_transport", "tcp");
    }
    grabber.start();
    if (grabber.getImageWidth() <= 0) {
      grabber.close();
      throw new FrameGrabber.Exception("no video stream in source");
    }
    return grabber;
  }

  /** Reads until the source ends, fails, or the loop is stopped; whether any frame came. */
  private boolean read(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
    FrameRateGate gate = new FrameRateGate(settings.analysisFps());
    boolean any = false;
    int errorsInARow = 0;
    long startNanos = System.nanoTime();
    long firstTimestamp = Long.MIN_VALUE;
    while (stop.getCount() > 0) {
      Frame frame;
      try {
        frame = grabber.grabImage();
      } catch (FrameGrabber.Exception e) {
        counters.decodeErrors.incrementAndGet();
        if (++errorsInARow >= ERRORS_BEFORE_RECONNECT) {
          throw e;
        }
        continue;
      }
      if (frame == null) {
        if (isFile && settings.loop() && any) {
          grabber.restart();
          startNanos = System.nanoTime();
          firstTimestamp = Long.MIN_VALUE;
          continue;
        }
        lastError = isFile ? END_OF_FILE : "the source ended the stream";
        return any;
      }
      errorsInARow = 0;
      if (!any) {
        state = ConnectionState.CONNECTED;
        lastError = null;
        any = true;
        listener.connected(SourceErrors.safe(settings.source()));
      }
      counters.decoded.incrementAndGet();
      lastFrameAt = clock.instant();
      long timestamp = frame.timestamp;
      if (isFile) {
        // A file plays at its own pace, as a camera would.
        if (firstTimestamp == Long.MIN_VALUE) {
          firstTimestamp = timestamp;
        }
        long due = startNanos + (timestamp - firstTimestamp) * 1000;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      // Live streams' timestamps cannot be trusted (MJPEG has none; FFmpeg makes them up), so
      // the rate is kept by the clock. A file is paced to its timestamps above, so this agrees.
      if (!gate.admit(System.nanoTime() / 1000)) {
        counters.skipped.incrementAndGet();
        continue;
      }
      Mat bgr = converter.convert(frame);
      if (bgr == null) {
        counters.decodeErrors.incrementAndGet();
        continue;
      }
      counters.analysed.incrementAndGet();
      sink.onFrame(downscaled(bgr), lastFrameAt);
    }
    return any;
  }

  private Mat downscaled(Mat bgr) {
    int width = settings.analysisWidth();
    if (width <= 0 || bgr.cols() <= width) {
      return bgr;
    }
    int height = (int) Math.round((double) bgr.rows() * width / bgr.cols());
    try (Size size = new Size(width, height)) {
      resize(bgr, scaled, size, 0, 0, INTER_AREA);
    }
    return scaled;
  }
}
