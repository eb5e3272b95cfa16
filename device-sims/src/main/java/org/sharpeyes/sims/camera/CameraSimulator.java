package org.sharpeyes.sims.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.runtime.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network camera playing a {@link Scene}: frames are rendered at {@code fps} on a thread of their
 * own and served over HTTP in two ways at once: as MJPEG (each frame JPEG-encoded once, for every
 * viewer) and as H.264 in MPEG-TS (an encoder per viewer, on worker threads). The scene loops when
 * it reaches {@code length}. Usable in-process (tests, integrators) or from {@code device-sims
 * camera}.
 */
public final class CameraSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CameraSimulator.class);

  private final Scene scene;
  private final double fps;
  private final Duration length;
  private final Clock clock;
  private final MjpegViewers mjpeg = new MjpegViewers();
  private final TsViewers ts;
  private final CameraHttpServer server;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("camera-sim"));
  private final ExecutorService encoders =
      Executors.newCachedThreadPool(NamedThreads.daemon("camera-ts-encoder"));
  private final AtomicLong frames = new AtomicLong();
  private final Mat frame = new Mat();
  private volatile Instant startedAt;
  private int port = -1;

  /** A camera serving MJPEG at {@code path} and the TS stream at its default path. */
  public CameraSimulator(Scene scene, double fps, Duration length, String path) {
    this(scene, fps, length, new CameraStreamOptions().setMjpegPath(path), Clock.systemUTC());
  }

  /**
   * @param clock tells when the first frame was played ({@link #startedAt()})
   */
  public CameraSimulator(
      Scene scene, double fps, Duration length, CameraStreamOptions options, Clock clock) {
    this.scene = scene;
    this.fps = fps;
    this.length = length;
    this.clock = clock;
    this.ts =
        new TsViewers(
            scene.width(),
            scene.height(),
            fps,
            options.maxTsViewers(),
            options.tsViewerBufferBytes(),
            encoders);
    this.server = new CameraHttpServer(options, mjpeg, ts);
  }

  /** Starts serving on {@code host:port} (0: a free port) and playing; returns the port. */
  public int start(String host, int port) throws InterruptedException {
    this.port = server.start(host, port);
    startedAt = clock.instant();
    long periodMicros = Math.round(1_000_000 / fps);
    ticker.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
    return this.port;
  }

  public int port() {
    return port;
  }

  /**
   * When frame 0 was played, by the camera's clock; frame {@code n} is played {@code n / fps}
   * seconds later. Null before {@link #start}.
   */
  public Instant startedAt() {
    return startedAt;
  }

  /** Frames played so far. */
  public long frames() {
    return frames.get();
  }

  /** Viewers of both streams. */
  public int viewers() {
    return mjpeg.size() + ts.size();
  }

  public int tsViewers() {
    return ts.size();
  }

  /** TS viewers turned away (503) because the stream had its viewers. */
  public long tsViewersRefused() {
    return ts.refused();
  }

  /** TS viewers cut off because they read too slowly (their buffer bound was reached). */
  public long tsViewersCutForLagging() {
    return ts.lagging();
  }

  /** Frames a TS viewer's encoder skipped because it was behind the camera, over all viewers. */
  public long tsFramesSkipped() {
    return ts.skippedFrames();
  }

  /** TS viewers cut off because their encoder failed. */
  public long tsEncoderFailures() {
    return ts.encoderFailures();
  }

  /** Cuts every viewer of both streams off; the camera keeps playing and takes new viewers. */
  public void dropViewers() {
    mjpeg.dropAll();
    ts.dropAll();
  }

  private void tick() {
    try {
      long n = frames.getAndIncrement();
      scene.render(Scene.timeOfFrame(n, fps, length), frame);
      if (mjpeg.size() > 0) {
        try (BytePointer jpeg = new BytePointer();
            IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 90)) {
          if (imencode(".jpg", frame, jpeg, params)) {
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            mjpeg.publish(bytes);
          }
        }
      }
      ts.publish(n, frame);
    } catch (RuntimeException e) {
      LOG.error("camera simulator failed on a frame", e);
    }
  }

  /** Stops playing, cuts every viewer off, waits for the TS encoders, then stops the server. */
  @Override
  public void close() {
    try {
      ticker.shutdownNow();
      awaitTermination(ticker, "the frame ticker");
      dropViewers();
      encoders.shutdown();
      awaitTermination(encoders, "TS encoders");
    } finally {
      server.close();
      frame.close();
      scene.close();
    }
  }

  private static void awaitTermination(ExecutorService executor, String what) {
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("{} still running 5 s after the camera closed", what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
