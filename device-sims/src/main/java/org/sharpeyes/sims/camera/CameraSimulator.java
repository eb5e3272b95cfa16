package org.sharpeyes.sims.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network camera playing a {@link Scene}: frames are rendered at {@code fps} on a thread of their
 * own, JPEG-encoded once and served as MJPEG over HTTP to whoever watches. The scene loops when it
 * reaches {@code length}. Usable in-process (tests, integrators) or from {@code device-sims
 * camera}.
 */
public final class CameraSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CameraSimulator.class);

  private final Scene scene;
  private final double fps;
  private final Duration length;
  private final MjpegServer server;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "camera-sim"));
  private final AtomicLong frames = new AtomicLong();
  private final Mat frame = new Mat();
  private int port = -1;

  public CameraSimulator(Scene scene, double fps, Duration length, String path) {
    this.scene = scene;
    this.fps = fps;
    this.length = length;
    this.server = new MjpegServer(path);
  }

  /** Starts serving on {@code host:port} (0: a free port) and playing; returns the port. */
  public int start(String host, int port) throws InterruptedException {
    this.port = server.start(host, port);
    long periodMicros = Math.round(1_000_000 / fps);
    ticker.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
    return this.port;
  }

  public int port() {
    return port;
  }

  /** Frames played so far. */
  public long frames() {
    return frames.get();
  }

  public int viewers() {
    return server.viewers();
  }

  /** Cuts every viewer off; the camera keeps playing and takes new viewers. */
  public void dropViewers() {
    server.dropViewers();
  }

  private void tick() {
    try {
      long n = frames.getAndIncrement();
      long micros = Math.round(n * 1_000_000 / fps) % Math.max(1, length.toNanos() / 1000);
      scene.render(Duration.ofNanos(micros * 1000), frame);
      try (BytePointer jpeg = new BytePointer();
          IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 90)) {
        if (imencode(".jpg", frame, jpeg, params)) {
          byte[] bytes = new byte[(int) jpeg.limit()];
          jpeg.get(bytes);
          server.publish(bytes);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("camera simulator failed on a frame", e);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    frame.close();
    scene.close();
  }
}
