package org.sharpeyes.edge.adapter.plate;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.edge.http.HttpReplies;
import org.sharpeyes.edge.http.PushAuthenticator;
import org.sharpeyes.edge.http.ResponseCounter;

/**
 * Looks at each request head before its body is buffered and answers at once what cannot succeed: a
 * malformed request (400), another path (404), missing or wrong credentials when the listener asks
 * for them (401 with {@code WWW-Authenticate}), another method (405), another content type (415), a
 * declared body over the limit (413). The rejected request's body is discarded and the connection
 * closed. A device counts as in contact only once its credentials are accepted. One instance per
 * channel (it remembers whether it is discarding).
 */
final class PlateRequestGate extends ChannelInboundHandlerAdapter {

  static final String JSON = "application/json";
  static final String MULTIPART = "multipart/form-data";

  private final PlateReaderAdapterConfig config;
  private final AdapterFaults faults;
  private final AdapterStatusTracker status;
  private final ResponseCounter responses;
  private final PushAuthenticator authenticator;
  private boolean discarding;

  PlateRequestGate(
      PlateReaderAdapterConfig config,
      AdapterFaults faults,
      AdapterStatusTracker status,
      ResponseCounter responses,
      PushAuthenticator authenticator) {
    this.authenticator = authenticator;
    this.config = config;
    this.faults = faults;
    this.status = status;
    this.responses = responses;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
      ReferenceCountUtil.release(msg);
      discarding = true;
      reject(
          ctx,
          null,
          HttpResponseStatus.BAD_REQUEST,
          "malformed HTTP request: " + http.decoderResult().cause().getMessage());
      return;
    }
    if (msg instanceof HttpRequest request) {
      discarding = false;
      PushAuthenticator.Verdict verdict =
          authenticator.check(request.headers().get(HttpHeaderNames.AUTHORIZATION));
      if (verdict != PushAuthenticator.Verdict.ACCEPTED && onPath(request)) {
        discarding = !(msg instanceof LastHttpContent);
        ReferenceCountUtil.release(msg);
        refuse(ctx, request, verdict);
        return;
      }
      status.contact();
      String problem = check(request);
      if (problem != null) {
        discarding = !(msg instanceof LastHttpContent);
        ReferenceCountUtil.release(msg);
        reject(ctx, request, statusFor(request), problem);
        return;
      }
    } else if (msg instanceof HttpContent && discarding) {
      if (msg instanceof LastHttpContent) {
        discarding = false;
      }
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private boolean onPath(HttpRequest request) {
    return new QueryStringDecoder(request.uri()).path().equals(config.path());
  }

  private void refuse(
      ChannelHandlerContext ctx, HttpRequest request, PushAuthenticator.Verdict verdict) {
    String reason =
        verdict == PushAuthenticator.Verdict.MISSING
            ? "credentials required — configure the reader's HTTP push with the user and password"
                + " (or token) this listener is given"
            : "credentials not accepted — check the user and password (or token) of the reader's"
                + " HTTP push";
    faults.report(FaultKind.AUTH_REFUSED, "401 " + reason, null);
    responses.count(HttpResponseStatus.UNAUTHORIZED.code());
    FullHttpResponse response = HttpReplies.error(HttpResponseStatus.UNAUTHORIZED, reason);
    response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, authenticator.challenge());
    HttpReplies.send(ctx, request, response, true);
  }

  private String check(HttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).path();
    if (!path.equals(config.path())) {
      return "no such path: " + path + " — post plate reads to " + config.path();
    }
    if (!request.method().equals(HttpMethod.POST)) {
      return "method " + request.method() + " not allowed — use POST";
    }
    String type = mediaType(request);
    if (!type.equals(JSON) && !type.equals(MULTIPART)) {
      return "unsupported content type '"
          + (type.isEmpty() ? "(none)" : type)
          + "' — send "
          + JSON
          + " or "
          + MULTIPART;
    }
    long length = HttpUtil.getContentLength(request, -1L);
    if (length > config.maxBodyBytes()) {
      return PlateBodyAggregator.tooLargeMessage(config.maxBodyBytes());
    }
    return null;
  }

  private HttpResponseStatus statusFor(HttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).path();
    if (!path.equals(config.path())) {
      return HttpResponseStatus.NOT_FOUND;
    }
    if (!request.method().equals(HttpMethod.POST)) {
      return HttpResponseStatus.METHOD_NOT_ALLOWED;
    }
    String type = mediaType(request);
    if (!type.equals(JSON) && !type.equals(MULTIPART)) {
      return HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
    }
    return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
  }

  static String mediaType(HttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private void reject(
      ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus code, String reason) {
    faults.report(FaultKind.INPUT_REJECTED, code.code() + " " + reason, null);
    responses.count(code.code());
    FullHttpResponse response = HttpReplies.error(code, reason);
    if (code.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
      response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
    }
    HttpReplies.send(ctx, request, response, true);
  }
}
