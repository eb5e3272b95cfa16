package org.sharpeyes.edge.status;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sharpeyes.edge.http.HttpReplies;
import org.sharpeyes.edge.publish.PublisherState;
import org.sharpeyes.edge.publish.PublisherStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /healthz} (200 when the broker is connected, else 503 with the reason), {@code
 * GET /metrics} (Prometheus text) and {@code GET /status} (JSON). Runs on the event loop; every
 * answer is computed from in-memory state without blocking. Sharable.
 */
@ChannelHandler.Sharable
final class StatusHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(StatusHttpHandler.class);

  static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StatusSource source;

  StatusHttpHandler(StatusSource source) {
    this.source = source;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      HttpReplies.send(
          ctx, null, HttpReplies.error(HttpResponseStatus.BAD_REQUEST, "malformed request"), true);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    FullHttpResponse response;
    if (!path.equals("/healthz") && !path.equals("/metrics") && !path.equals("/status")) {
      response =
          HttpReplies.error(
              HttpResponseStatus.NOT_FOUND,
              "no such path: " + path + " — try /healthz, /metrics or /status");
    } else if (!request.method().equals(HttpMethod.GET)) {
      response =
          HttpReplies.error(
              HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + request.method() + " not allowed");
      response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
    } else {
      response =
          switch (path) {
            case "/healthz" -> health();
            case "/metrics" ->
                HttpReplies.text(HttpResponseStatus.OK, PROMETHEUS_TYPE, source.scrapeMetrics());
            default -> HttpReplies.json(HttpResponseStatus.OK, source.status());
          };
    }
    HttpReplies.send(ctx, request, response, false);
  }

  private FullHttpResponse health() {
    AgentStatus status = source.status();
    PublisherStatus broker = status.broker();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("edgeId", status.edgeId());
    body.put("broker", broker.state());
    if (broker.state() == PublisherState.CONNECTED) {
      body.put("status", "UP");
      return HttpReplies.json(HttpResponseStatus.OK, body);
    }
    body.put("status", "DOWN");
    String reason =
        "broker " + broker.brokerUrl() + " is " + broker.state() + " since " + broker.since();
    if (broker.lastError() != null) {
      reason += "; last error: " + broker.lastError();
    }
    body.put("reason", reason);
    return HttpReplies.json(HttpResponseStatus.SERVICE_UNAVAILABLE, body);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      log.warn("status request failed", cause);
    }
    ctx.close();
  }
}
