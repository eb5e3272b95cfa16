package org.sharpeyes.sims.camera;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Routes a camera request, on the event loop: {@code GET <mjpeg path>} joins the MJPEG viewers,
 * {@code GET <ts path>} the TS viewers (503 when they are full); anything else gets a 404 or 405
 * that names the streams. Each response to a stream stays open until the viewer or the camera
 * closes it.
 */
final class CameraHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final String TS_CONTENT_TYPE = "video/mp2t";

  private final CameraStreamOptions options;
  private final MjpegViewers mjpeg;
  private final TsViewers ts;

  CameraHttpHandler(CameraStreamOptions options, MjpegViewers mjpeg, TsViewers ts) {
    this.options = options;
    this.mjpeg = mjpeg;
    this.ts = ts;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String uri = request.uri();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    if (!path.equals(options.mjpegPath()) && !path.equals(options.tsPath())) {
      refuse(ctx, HttpResponseStatus.NOT_FOUND, streams());
    } else if (!request.method().equals(HttpMethod.GET)) {
      refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is served\n");
    } else if (path.equals(options.mjpegPath())) {
      DefaultHttpResponse response = streamResponse(MjpegViewers.CONTENT_TYPE);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response);
      mjpeg.add(ctx.channel());
    } else {
      Optional<TsViewer> viewer = ts.admit(ctx.channel());
      if (viewer.isEmpty()) {
        refuse(
            ctx,
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            "the TS stream has its "
                + options.maxTsViewers()
                + " viewers; try again later, or watch "
                + options.mjpegPath()
                + "\n");
        return;
      }
      DefaultHttpResponse response = streamResponse(TS_CONTENT_TYPE);
      HttpUtil.setTransferEncodingChunked(response, true);
      ctx.writeAndFlush(response);
      ts.start(viewer.get());
    }
  }

  private String streams() {
    return "the streams are at "
        + options.mjpegPath()
        + " (MJPEG) and "
        + options.tsPath()
        + " (H.264 in MPEG-TS)\n";
  }

  private static DefaultHttpResponse streamResponse(String contentType) {
    DefaultHttpResponse response =
        new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
    return response;
  }

  private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String why) {
    DefaultFullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(why, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    if (status.equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
      response.headers().set(HttpHeaderNames.RETRY_AFTER, 5);
    }
    HttpUtil.setContentLength(response, response.content().readableBytes());
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
