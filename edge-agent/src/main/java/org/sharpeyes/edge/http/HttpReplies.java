package org.sharpeyes.edge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.schema.codec.Problem;

/** Builds and sends the agent's HTTP responses (JSON unless said otherwise). */
public final class HttpReplies {

  public static final String JSON_TYPE = "application/json; charset=utf-8";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private HttpReplies() {}

  /** The mapper used for response bodies (shared, thread-safe). */
  public static ObjectMapper mapper() {
    return JSON;
  }

  public static FullHttpResponse json(HttpResponseStatus status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a response body", e);
    }
    return bytes(status, JSON_TYPE, bytes);
  }

  public static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
    return bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static FullHttpResponse bytes(HttpResponseStatus status, String type, byte[] body) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    HttpUtil.setContentLength(r, body.length);
    return r;
  }

  /** {@code {"error": "..."}} */
  public static FullHttpResponse error(HttpResponseStatus status, String error) {
    return json(status, Map.of("error", error));
  }

  /** {@code {"error": "...", "problems": [{"path": "...", "message": "..."}]}} */
  public static FullHttpResponse problems(
      HttpResponseStatus status, String error, List<Problem> problems) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("problems", problems);
    return json(status, body);
  }

  /**
   * Writes a response, keeping the connection open only when the request asked for it and {@code
   * close} is false.
   *
   * @param request the request answered, or {@code null} when it could not be read
   */
  public static void send(
      ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response, boolean close) {
    boolean keepAlive = !close && request != null && HttpUtil.isKeepAlive(request);
    if (keepAlive) {
      if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      }
      ctx.writeAndFlush(response);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
