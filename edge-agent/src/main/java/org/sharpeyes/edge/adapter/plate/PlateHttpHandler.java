package org.sharpeyes.edge.adapter.plate;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.EventOffers;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.edge.http.HttpReplies;
import org.sharpeyes.edge.http.ResponseCounter;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.VehicleSighted;

/**
 * Turns one complete plate push (JSON, or multipart with a {@code read} and a {@code snapshot}
 * part) into a {@code vehicle.sighted} event offered to the outbox, and answers: 202 with the event
 * id once the outbox has stored the event durably, 400 with every problem, 503 with {@code
 * Retry-After} and the outbox's reason when it refuses the event (recorded by {@link EventOffers}).
 * Runs on the event loop and never blocks: parsing is bounded by {@code maxBodyBytes}, and the
 * answer is written from the offer's completion, back on the channel's event loop. While an answer
 * is pending the connection reads nothing more, so answers stay in request order. Sharable.
 */
@ChannelHandler.Sharable
final class PlateHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final int RETRY_AFTER_SECONDS = 5;

  private final PlateReaderAdapterConfig config;
  private final PlateReadParser parser;
  private final PlateReadEventMapper mapper;
  private final EventOffers offers;
  private final AdapterFaults faults;
  private final ResponseCounter responses;

  PlateHttpHandler(
      PlateReaderAdapterConfig config,
      PlateReadEventMapper mapper,
      EventOffers offers,
      AdapterFaults faults,
      ResponseCounter responses) {
    this.config = config;
    this.parser = new PlateReadParser(config.maxSnapshotBytes());
    this.mapper = mapper;
    this.offers = offers;
    this.faults = faults;
    this.responses = responses;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    PlateReadResult result = parse(request);
    if (result instanceof PlateReadResult.Invalid invalid) {
      faults.report(FaultKind.INPUT_REJECTED, "invalid plate read: " + invalid.summary(), null);
      reply(
          ctx,
          request,
          HttpReplies.problems(
              HttpResponseStatus.BAD_REQUEST, "invalid plate read", invalid.problems()));
      return;
    }
    PlateRead read = ((PlateReadResult.Valid) result).read();
    EdgeEvent event = mapper.toEvent(read);
    // Only the head is needed after this method: the request's buffers are released on return.
    HttpRequest head =
        new DefaultHttpRequest(
            request.protocolVersion(), request.method(), request.uri(), request.headers().copy());
    ctx.channel().config().setAutoRead(false);
    offers
        .offer(event, read.snapshotJpeg())
        .thenAccept(
            offered ->
                onEventLoop(
                    ctx,
                    () -> {
                      answer(ctx, head, event, offered);
                      ctx.channel().config().setAutoRead(true);
                    }));
  }

  private void answer(
      ChannelHandlerContext ctx, HttpRequest head, EdgeEvent event, SinkResult offered) {
    if (offered instanceof SinkResult.Refused refused) {
      FullHttpResponse busy =
          HttpReplies.error(HttpResponseStatus.SERVICE_UNAVAILABLE, refused.reason());
      busy.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
      reply(ctx, head, busy);
      return;
    }
    VehicleSighted data = (VehicleSighted) event.data();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventId", event.id());
    body.put("plateNumber", data.plateNumber());
    body.put("seq", ((SinkResult.Accepted) offered).seq());
    reply(ctx, head, HttpReplies.json(HttpResponseStatus.ACCEPTED, body));
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
      // The listener is shutting down; the event is stored all the same.
    }
  }

  private PlateReadResult parse(FullHttpRequest request) {
    if (PlateRequestGate.mediaType(request).equals(PlateRequestGate.MULTIPART)) {
      PlateMultipartReader.Parts parts = PlateMultipartReader.read(request, config.maxBodyBytes());
      if (!parts.problems().isEmpty()) {
        return new PlateReadResult.Invalid(parts.problems());
      }
      return parser.parse(parts.readJson(), parts.snapshot());
    }
    return parser.parse(ByteBufUtil.getBytes(request.content()));
  }

  private void reply(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse r) {
    responses.count(r.status().code());
    HttpReplies.send(ctx, request, r, false);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof ReadTimeoutException || cause instanceof IOException) {
      // An idle or vanished device: routine, the connection just goes.
      ctx.close();
      return;
    }
    faults.report(FaultKind.INTERNAL, "plate push failed: " + cause, cause);
    if (ctx.channel().isActive()) {
      responses.count(HttpResponseStatus.INTERNAL_SERVER_ERROR.code());
      HttpReplies.send(
          ctx,
          null,
          HttpReplies.error(
              HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error; see the agent log"),
          true);
    }
  }
}
