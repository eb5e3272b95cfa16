package org.sharpeyes.sims.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer of the H.264 MPEG-TS stream, with an encoder of its own that {@link #run()} drives on
 * a worker thread, never on the event loop. Its stream starts, with a key frame, at the first frame
 * offered after it joined. Frames reach it through a two-frame mailbox: when its encoder falls
 * behind the camera, the older waiting frame is skipped (counted) and the stream's timestamps show
 * the gap. The bytes of each frame go out as one HTTP chunk; when more than the buffer bound is
 * still waiting to be sent, the viewer lags too far behind and is cut off (counted).
 */
final class TsViewer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(TsViewer.class);
  private static final long POLL_MILLIS = 100;

  /** A rendered frame, BGR, row after row, shared read-only by every viewer. */
  record RawFrame(long number, byte[] bgr) {}

  private final Channel channel;
  private final TsViewers owner;
  private final BlockingQueue<RawFrame> mailbox = new ArrayBlockingQueue<>(2);
  private final AtomicLong waitingBytes = new AtomicLong();
  private final ChunkStream out = new ChunkStream();

  TsViewer(Channel channel, TsViewers owner) {
    this.channel = channel;
    this.owner = owner;
  }

  /** Hands over a frame to encode; from the camera's ticker, the only producer. */
  void offer(RawFrame frame) {
    while (!mailbox.offer(frame)) {
      if (mailbox.poll() != null) {
        owner.countSkippedFrame();
      }
    }
  }

  /** Cuts the viewer off; its encoder stops within a frame or so. Any thread. */
  void cut() {
    channel.close();
  }

  @Override
  public void run() {
    try (Mat frame = new Mat(owner.height(), owner.width(), CV_8UC3);
        H264Encoder encoder =
            H264Encoder.toStream(out, owner.width(), owner.height(), owner.fps())) {
      long first = -1;
      while (channel.isActive()) {
        RawFrame next = mailbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (next == null) {
          continue;
        }
        first = first < 0 ? next.number() : first;
        frame.data().put(next.bgr());
        encoder.encode(frame, next.number() - first);
        out.sendChunk();
        if (waitingBytes.get() > owner.maxWaitingBytes()) {
          owner.countLaggingViewer();
          LOG.info(
              "TS viewer {} is {} KiB behind; cut off",
              channel.remoteAddress(),
              waitingBytes.get() / 1024);
          channel.close();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      owner.countEncoderFailure();
      LOG.warn("TS viewer {}: the H.264 encoder failed; cut off", channel.remoteAddress(), e);
    } finally {
      channel.close();
      out.discard();
      owner.left(this);
    }
  }

  /**
   * Collects what the encoder writes for one frame, then sends it as one chunk. Only the encoder's
   * thread touches it.
   */
  private final class ChunkStream extends OutputStream {

    private ByteBuf pending = Unpooled.buffer(64 * 1024);

    @Override
    public void write(int b) {
      pending.writeByte(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pending.writeBytes(b, off, len);
    }

    void sendChunk() {
      int size = pending.readableBytes();
      if (size == 0) {
        return;
      }
      if (!channel.isActive()) {
        pending.clear();
        return;
      }
      ByteBuf chunk = pending;
      pending = Unpooled.buffer(Math.max(4096, size));
      waitingBytes.addAndGet(size);
      channel
          .writeAndFlush(new DefaultHttpContent(chunk))
          .addListener(done -> waitingBytes.addAndGet(-size));
    }

    void discard() {
      pending.release();
    }
  }
}
