package org.sharpeyes.edge.adapter.viid;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.edge.http.HttpReplies;
import org.sharpeyes.edge.http.ResponseCounter;

/**
 * The GA/T 1400 endpoints of one listener: system requests (register with Digest, keepalive,
 * unregister, time) and object pushes, answered with a status per object by {@link ViidPushes}.
 * Runs on the event loop and never blocks; while a push is being stored the connection reads
 * nothing more, so answers stay in request order. Sharable.
 */
@ChannelHandler.Sharable
final class ViidHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final String REGISTER = "/VIID/System/Register";
  static final String UNREGISTER = "/VIID/System/UnRegister";
  static final String KEEPALIVE = "/VIID/System/Keepalive";
  static final String TIME = "/VIID/System/Time";
  static final String USER_IDENTIFY = "User-Identify";

  private final String serverId;
  private final ViidAdapterConfig config;
  private final DigestAuthenticator digest;
  private final ViidRegistry registry;
  private final ViidPushes pushes;
  private final ViidReplies replies;
  private final AdapterFaults faults;
  private final ResponseCounter responses;
  private final Clock clock;

  ViidHttpHandler(
      String serverId,
      ViidAdapterConfig config,
      DigestAuthenticator digest,
      ViidRegistry registry,
      ViidPushes pushes,
      AdapterFaults faults,
      ResponseCounter responses,
      Clock clock) {
    this.serverId = serverId;
    this.config = config;
    this.digest = digest;
    this.registry = registry;
    this.pushes = pushes;
    this.replies = new ViidReplies(config.zone());
    this.faults = faults;
    this.responses = responses;
    this.clock = clock;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      faults.report(FaultKind.INPUT_REJECTED, "malformed HTTP request", null);
      responses.count(HttpResponseStatus.BAD_REQUEST.code());
      HttpReplies.send(
          ctx,
          null,
          ViidReplies.body(
              HttpResponseStatus.BAD_REQUEST, Map.of("error", "malformed HTTP request")),
          true);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).rawPath(); // raw: never throws on bad %
    Instant now = clock.instant();
    String url = requestUrl(request, path);
    if (path.equals(TIME)) {
      if (!request.method().equals(HttpMethod.GET)) {
        methodNotAllowed(ctx, request, url, now);
        return;
      }
      reply(ctx, request, replies.time(serverId, config.zone(), now));
      return;
    }
    if (!request.method().equals(HttpMethod.POST)) {
      if (path.startsWith("/VIID/")) {
        methodNotAllowed(ctx, request, url, now);
      } else {
        notFound(ctx, request, url, now);
      }
      return;
    }
    switch (path) {
      case REGISTER -> register(ctx, request, url, now);
      case KEEPALIVE, UNREGISTER -> session(ctx, request, path, url, now);
      default -> {
        var kind = ViidObjectKind.byPath(path);
        if (kind.isEmpty()) {
          notFound(ctx, request, url, now);
        } else {
          push(ctx, request, kind.get(), url, now);
        }
      }
    }
  }

  private void register(
      ChannelHandlerContext ctx, FullHttpRequest request, String url, Instant now) {
    DigestAuthenticator.Verdict v =
        digest.check(
            request.headers().get(HttpHeaderNames.AUTHORIZATION),
            request.method().name(),
            request.uri());
    switch (v.outcome()) {
      case MISSING -> challenge(ctx, request, url, now, false, null);
      case STALE -> challenge(ctx, request, url, now, true, null);
      case ACCEPTED -> registerAccepted(ctx, request, v.deviceId(), url, now);
      default -> {
        String why = refusal(v);
        faults.report(FaultKind.AUTH_REFUSED, "register refused: " + why, null);
        challenge(ctx, request, url, now, false, why);
      }
    }
  }

  private static String refusal(DigestAuthenticator.Verdict v) {
    String who = v.deviceId() == null ? "?" : ViidBodyParser.clip(v.deviceId());
    return switch (v.outcome()) {
      case UNKNOWN_USER -> "device " + who + " is not configured at this edge";
      case WRONG -> "wrong Digest password for device " + who;
      case REPLAYED -> "replayed Digest nonce count for device " + who;
      default -> "malformed Digest credentials (want MD5, qop=auth, this realm and uri)";
    };
  }

  private void registerAccepted(
      ChannelHandlerContext ctx, FullHttpRequest request, String user, String url, Instant now) {
    String bodyId = deviceIdIn(request, "RegisterObject");
    String identify = request.headers().get(USER_IDENTIFY);
    String problem = null;
    if (bodyId == null) {
      problem = "expected {\"RegisterObject\": {\"DeviceID\": \"<20 digits>\"}}";
    } else if (!bodyId.equals(user)) {
      problem = "RegisterObject.DeviceID " + bodyId + " is not the Digest user " + user;
    } else if (identify != null && !identify.equals(user)) {
      problem =
          "User-Identify " + ViidBodyParser.clip(identify) + " is not the Digest user " + user;
    }
    if (problem != null) {
      faults.report(FaultKind.INPUT_REJECTED, "register of " + user + " refused: " + problem, null);
      reply(
          ctx,
          request,
          replies.one(
              url,
              ViidObjectStatus.refused(user, ViidStatusCode.INVALID_JSON_CONTENT, problem, "bad"),
              now));
      return;
    }
    registry.register(user, address(ctx));
    reply(ctx, request, replies.one(url, ViidObjectStatus.ok(user, "registered"), now));
  }

  private void session(
      ChannelHandlerContext ctx, FullHttpRequest request, String path, String url, Instant now) {
    boolean keepalive = path.equals(KEEPALIVE);
    String id = deviceIdIn(request, keepalive ? "KeepaliveObject" : "UnRegisterObject");
    if (id == null) {
      id = deviceIdIn(request, "RegisterObject"); // some devices unregister with this wrapper
    }
    String identify = request.headers().get(USER_IDENTIFY);
    if (id == null || (identify != null && !identify.equals(id))) {
      reply(
          ctx,
          request,
          replies.one(
              url,
              ViidObjectStatus.refused(
                  id == null ? "" : id,
                  ViidStatusCode.INVALID_JSON_CONTENT,
                  "DeviceID missing or not the User-Identify header",
                  "bad"),
              now));
      return;
    }
    if (!registry.alive(id, address(ctx), keepalive)) {
      reply(ctx, request, replies.one(url, notRegistered(id), now));
      return;
    }
    if (!keepalive) {
      registry.unregister(id);
    }
    reply(
        ctx,
        request,
        replies.one(url, ViidObjectStatus.ok(id, keepalive ? "keepalive" : "unregistered"), now));
  }

  private void push(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      ViidObjectKind kind,
      String url,
      Instant now) {
    String identify = request.headers().get(USER_IDENTIFY);
    if (identify == null || !registry.alive(identify, address(ctx), false)) {
      ViidObjectStatus refused =
          identify == null
              ? ViidObjectStatus.refused(
                  "", ViidStatusCode.INVALID_OPERATION, "no User-Identify header", "unregistered")
              : notRegistered(ViidBodyParser.clip(identify));
      String device = registry.known(identify) ? identify : "unknown";
      pushes.countRefusedRequest(device, kind, refused);
      reply(ctx, request, replies.list(url, List.of(refused), now));
      return;
    }
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    byte[] body = ByteBufUtil.getBytes(request.content());
    HttpRequest head =
        new DefaultHttpRequest(
            request.protocolVersion(), request.method(), request.uri(), request.headers().copy());
    ctx.channel().config().setAutoRead(false);
    CompletableFuture<List<ViidObjectStatus>> done =
        jsonType(type)
            ? pushes.handle(identify, kind, body, now)
            : CompletableFuture.completedFuture(
                List.of(
                    pushes.refuseWhole(
                        identify,
                        kind,
                        ViidObjectStatus.refused(
                            "",
                            ViidStatusCode.INVALID_JSON_FORMAT,
                            "Content-Type "
                                + ViidBodyParser.clip(type)
                                + " — send application/VIID+JSON",
                            "bad-json"))));
    done.whenComplete(
        (statuses, failure) ->
            onEventLoop(
                ctx,
                () -> {
                  if (failure != null) {
                    exceptionCaught(ctx, failure); // answers 500 and closes
                    return;
                  }
                  reply(ctx, head, replies.list(url, statuses, clock.instant()));
                  ctx.channel().config().setAutoRead(true);
                }));
  }

  static boolean jsonType(String contentType) {
    if (contentType == null) {
      return true; // some devices leave it out; the body is still read as JSON
    }
    String t = contentType.toLowerCase(Locale.ROOT);
    return t.startsWith("application/viid+json") || t.startsWith("application/json");
  }

  private static ViidObjectStatus notRegistered(String id) {
    return ViidObjectStatus.refused(
        id,
        ViidStatusCode.INVALID_OPERATION,
        "device " + id + " is not registered from this address: POST " + REGISTER + " first",
        "unregistered");
  }

  private String deviceIdIn(FullHttpRequest request, String wrapper) {
    try {
      JsonNode root = HttpReplies.mapper().readTree(ByteBufUtil.getBytes(request.content()));
      JsonNode id = root == null ? null : root.path(wrapper).get("DeviceID");
      return id != null && id.isValueNode() && ViidBodyParser.idValid(id.asText(), 20)
          ? id.asText()
          : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void challenge(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      String url,
      Instant now,
      boolean stale,
      String why) {
    FullHttpResponse r =
        replies.http(
            HttpResponseStatus.UNAUTHORIZED,
            url,
            ViidObjectStatus.refused(
                "",
                ViidStatusCode.INVALID_OPERATION,
                why != null
                    ? why
                    : stale
                        ? "nonce expired; answer the new challenge"
                        : "authentication required: answer the Digest challenge",
                "unauthorized"),
            now);
    r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, digest.challenge(stale));
    reply(ctx, request, r);
  }

  private void methodNotAllowed(ChannelHandlerContext ctx, HttpRequest r, String url, Instant now) {
    reply(
        ctx,
        r,
        replies.http(
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            url,
            ViidObjectStatus.refused(
                "", ViidStatusCode.INVALID_OPERATION, r.method() + " not allowed here", "bad"),
            now));
  }

  private void notFound(ChannelHandlerContext ctx, HttpRequest r, String url, Instant now) {
    reply(
        ctx,
        r,
        replies.http(
            HttpResponseStatus.NOT_FOUND,
            url,
            ViidObjectStatus.refused(
                "", ViidStatusCode.INVALID_OPERATION, "no such GA/T 1400 resource here", "bad"),
            now));
  }

  private static String requestUrl(HttpRequest request, String path) {
    String host = request.headers().get(HttpHeaderNames.HOST);
    return host == null || host.length() > 255 ? path : "http://" + host + path;
  }

  private static String address(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress()
        : String.valueOf(ctx.channel().remoteAddress());
  }

  private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
    EventExecutor loop = ctx.executor();
    if (loop.inEventLoop()) {
      task.run();
      return;
    }
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // The listener is shutting down; what was stored stays stored.
    }
  }

  private void reply(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse r) {
    responses.count(r.status().code());
    HttpReplies.send(ctx, request, r, false);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof ReadTimeoutException || cause instanceof IOException) {
      ctx.close();
      return;
    }
    faults.report(FaultKind.INTERNAL, "GA/T 1400 request failed: " + cause, cause);
    if (ctx.channel().isActive()) {
      responses.count(HttpResponseStatus.INTERNAL_SERVER_ERROR.code());
      HttpReplies.send(
          ctx,
          null,
          ViidReplies.body(
              HttpResponseStatus.INTERNAL_SERVER_ERROR,
              Map.of("error", "internal error; see the agent log")),
          true);
    }
  }
}
