package org.sharpeyes.sims.camera;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;

/**
 * The viewers of the MJPEG stream ({@code multipart/x-mixed-replace}), the way many IP cameras
 * serve their snapshot stream: each gets every frame published after it joined. A viewer that
 * cannot keep up (its channel is not writable) misses frames rather than slowing the others.
 */
final class MjpegViewers {

  static final String BOUNDARY = "sharpeyesframe";
  static final String CONTENT_TYPE = "multipart/x-mixed-replace; boundary=" + BOUNDARY;

  private final ChannelGroup viewers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  /** Adds a viewer whose response headers have been written; it leaves when its channel closes. */
  void add(Channel viewer) {
    viewers.add(viewer);
  }

  int size() {
    return viewers.size();
  }

  /** Sends one JPEG frame to every viewer that can take it now. Any thread. */
  void publish(byte[] jpeg) {
    if (viewers.isEmpty()) {
      return;
    }
    byte[] head =
        ("--"
                + BOUNDARY
                + "\r\nContent-Type: image/jpeg\r\nContent-Length: "
                + jpeg.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    ByteBuf part = Unpooled.wrappedBuffer(head, jpeg, "\r\n".getBytes(StandardCharsets.US_ASCII));
    try {
      for (Channel viewer : viewers) {
        if (viewer.isWritable()) {
          viewer.writeAndFlush(new DefaultHttpContent(part.retainedDuplicate()));
        }
      }
    } finally {
      part.release();
    }
  }

  /** Cuts every viewer off, as a camera reboot or a network fault would. */
  void dropAll() {
    viewers.close();
  }
}
