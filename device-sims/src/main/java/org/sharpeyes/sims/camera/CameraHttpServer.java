package org.sharpeyes.sims.camera;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The camera's HTTP server: one Netty event loop that only routes requests ({@link
 * CameraHttpHandler}) and writes; JPEG and H.264 encoding happen on other threads.
 */
final class CameraHttpServer implements AutoCloseable {

  private static final int MAX_REQUEST_BYTES = 8192;

  /**
   * Fixed, so that a viewer that stops reading fills the TS viewer's own (counted) buffer within
   * seconds instead of hiding megabytes of video in an auto-tuned kernel buffer; plenty on
   * loopback.
   */
  private static final int SOCKET_SEND_BUFFER_BYTES = 64 * 1024;

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final CameraStreamOptions options;
  private final MjpegViewers mjpeg;
  private final TsViewers ts;
  private Channel server;

  CameraHttpServer(CameraStreamOptions options, MjpegViewers mjpeg, TsViewers ts) {
    this.options = options;
    this.mjpeg = mjpeg;
    this.ts = ts;
  }

  /** Listens on {@code host:port} (0: any free port); returns the port. */
  int start(String host, int port) throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.SO_SNDBUF, SOCKET_SEND_BUFFER_BYTES)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(new CameraHttpHandler(options, mjpeg, ts));
                  }
                })
            .bind(host, port)
            .sync()
            .channel();
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    mjpeg.dropAll();
    ts.dropAll();
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
