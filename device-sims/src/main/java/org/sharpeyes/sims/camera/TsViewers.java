package org.sharpeyes.sims.camera;

import io.netty.channel.Channel;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The viewers of the H.264 MPEG-TS stream: at most {@code maxViewers} at once, each with an encoder
 * of its own running on {@code encoders} (which must not be an event loop and must take at least
 * {@code maxViewers} long-running tasks). Viewers beyond the limit are refused, and counted.
 */
final class TsViewers {

  private final int width;
  private final int height;
  private final double fps;
  private final int maxViewers;
  private final int maxWaitingBytes;
  private final Executor encoders;
  private final Set<TsViewer> viewers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong lagging = new AtomicLong();
  private final AtomicLong skippedFrames = new AtomicLong();
  private final AtomicLong encoderFailures = new AtomicLong();

  TsViewers(
      int width, int height, double fps, int maxViewers, int maxWaitingBytes, Executor encoders) {
    this.width = width;
    this.height = height;
    this.fps = fps;
    this.maxViewers = maxViewers;
    this.maxWaitingBytes = maxWaitingBytes;
    this.encoders = encoders;
  }

  /**
   * A place for a new viewer on {@code channel}, or empty (counted) when the stream has its
   * viewers. Once the viewer's response headers are written, {@link #start} it.
   */
  Optional<TsViewer> admit(Channel channel) {
    int n;
    do {
      n = admitted.get();
      if (n >= maxViewers) {
        refused.incrementAndGet();
        return Optional.empty();
      }
    } while (!admitted.compareAndSet(n, n + 1));
    TsViewer viewer = new TsViewer(channel, this);
    viewers.add(viewer);
    return Optional.of(viewer);
  }

  /** Starts the viewer's encoder on a worker thread. */
  void start(TsViewer viewer) {
    try {
      encoders.execute(viewer);
    } catch (RejectedExecutionException e) {
      viewer.cut();
      left(viewer);
    }
  }

  /** Offers frame {@code number} to every viewer; copies the frame once, when anyone watches. */
  void publish(long number, Mat frame) {
    if (viewers.isEmpty()) {
      return;
    }
    byte[] bgr = new byte[(int) (frame.total() * frame.channels())];
    frame.data().get(bgr);
    TsViewer.RawFrame raw = new TsViewer.RawFrame(number, bgr);
    for (TsViewer viewer : viewers) {
      viewer.offer(raw);
    }
  }

  /** Cuts every viewer off, as a camera reboot or a network fault would. */
  void dropAll() {
    viewers.forEach(TsViewer::cut);
  }

  int size() {
    return viewers.size();
  }

  long refused() {
    return refused.get();
  }

  long lagging() {
    return lagging.get();
  }

  long skippedFrames() {
    return skippedFrames.get();
  }

  long encoderFailures() {
    return encoderFailures.get();
  }

  void left(TsViewer viewer) {
    if (viewers.remove(viewer)) {
      admitted.decrementAndGet();
    }
  }

  void countSkippedFrame() {
    skippedFrames.incrementAndGet();
  }

  void countLaggingViewer() {
    lagging.incrementAndGet();
  }

  void countEncoderFailure() {
    encoderFailures.incrementAndGet();
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  double fps() {
    return fps;
  }

  int maxWaitingBytes() {
    return maxWaitingBytes;
  }
}
