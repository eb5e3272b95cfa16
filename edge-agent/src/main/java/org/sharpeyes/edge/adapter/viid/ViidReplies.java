package org.sharpeyes.edge.adapter.viid;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.edge.http.HttpReplies;

/** Builds GA/T 1400 response bodies ({@code ResponseStatusObject} and its list). */
final class ViidReplies {

  static final String VIID_TYPE = "application/VIID+JSON;charset=UTF-8";

  private final DateTimeFormatter localTime;

  ViidReplies(ZoneId zone) {
    this.localTime = ViidBodyParser.TIME.withZone(zone);
  }

  String localTime(Instant now) {
    return localTime.format(now);
  }

  /** {@code {"ResponseStatusObject": {...}}} with HTTP 200. */
  FullHttpResponse one(String requestUrl, ViidObjectStatus s, Instant now) {
    return body(HttpResponseStatus.OK, Map.of("ResponseStatusObject", object(requestUrl, s, now)));
  }

  /** {@code {"ResponseStatusListObject": {"ResponseStatusObject": [...]}}} with HTTP 200. */
  FullHttpResponse list(String requestUrl, List<ViidObjectStatus> statuses, Instant now) {
    List<Map<String, Object>> objects =
        statuses.stream().map(s -> object(requestUrl, s, now)).toList();
    return body(
        HttpResponseStatus.OK,
        Map.of("ResponseStatusListObject", Map.of("ResponseStatusObject", objects)));
  }

  /** The answer to {@code GET /VIID/System/Time}. */
  FullHttpResponse time(String serverId, ZoneId zone, Instant now) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("VIIDServerID", serverId);
    t.put("LocalTime", localTime(now));
    t.put("TimeZone", zone.getId());
    return body(HttpResponseStatus.OK, Map.of("SystemTimeObject", t));
  }

  /** A bare HTTP status with a status object (401, 404, 405, 413). */
  FullHttpResponse http(
      HttpResponseStatus http, String requestUrl, ViidObjectStatus s, Instant now) {
    return body(http, Map.of("ResponseStatusObject", object(requestUrl, s, now)));
  }

  private Map<String, Object> object(String requestUrl, ViidObjectStatus s, Instant now) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("RequestURL", requestUrl);
    o.put("StatusCode", s.code().code());
    o.put("StatusString", s.reason());
    o.put("Id", s.id());
    o.put("LocalTime", localTime(now));
    return o;
  }

  static FullHttpResponse body(HttpResponseStatus status, Object body) {
    byte[] bytes;
    try {
      bytes = HttpReplies.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a response body", e);
    }
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, VIID_TYPE);
    HttpUtil.setContentLength(r, bytes.length);
    return r;
  }
}
