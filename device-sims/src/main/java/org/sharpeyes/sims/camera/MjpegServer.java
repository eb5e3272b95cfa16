package org.sharpeyes.sims.camera;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves frames as MJPEG over HTTP ({@code multipart/x-mixed-replace}), the way many IP cameras
 * serve their snapshot stream: {@code GET <path>} gets every frame published from then on. A client
 * that cannot keep up misses frames rather than slowing the others.
 */
public final class MjpegServer implements AutoCloseable {

  private static final String BOUNDARY = "sharpeyesframe";

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ChannelGroup viewers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final String path;
  private Channel server;

  public MjpegServer(String path) {
    this.path = path;
  }

  /** Listens on {@code host:port} (0: any free port); returns the port. */
  public int start(String host, int port) throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(8192))
                        .addLast(new Handler());
                  }
                })
            .bind(host, port)
            .sync()
            .channel();
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Clients watching now. */
  public int viewers() {
    return viewers.size();
  }

  /** Sends one JPEG frame to every viewer that can take it now. */
  public void publish(byte[] jpeg) {
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
  public void dropViewers() {
    viewers.close();
  }

  @Override
  public void close() {
    viewers.close();
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String uri = request.uri();
      int query = uri.indexOf('?');
      String requested = query < 0 ? uri : uri.substring(0, query);
      if (!request.method().equals(HttpMethod.GET) || !requested.equals(path)) {
        DefaultFullHttpResponse notFound =
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.NOT_FOUND,
                Unpooled.copiedBuffer("the stream is at " + path + "\n", StandardCharsets.UTF_8));
        notFound.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(notFound, notFound.content().readableBytes());
        ctx.writeAndFlush(notFound).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      DefaultHttpResponse response =
          new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      response
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "multipart/x-mixed-replace; boundary=" + BOUNDARY)
          .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
          .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response);
      viewers.add(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
