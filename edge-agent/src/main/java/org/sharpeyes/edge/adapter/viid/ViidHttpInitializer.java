package org.sharpeyes.edge.adapter.viid;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.FaultKind;
import org.sharpeyes.edge.http.ConnectionLimit;
import org.sharpeyes.edge.http.HttpReplies;
import org.sharpeyes.edge.http.ResponseCounter;

/** The pipeline of one GA/T 1400 connection; holds no logic of its own. */
final class ViidHttpInitializer extends ChannelInitializer<Channel> {

  static final int MAX_INITIAL_LINE_BYTES = 4096;
  static final int MAX_HEADER_BYTES = 8192;
  static final int MAX_CHUNK_BYTES = 8192;

  private final ViidAdapterConfig config;
  private final ConnectionLimit connectionLimit;
  private final AdapterFaults faults;
  private final ResponseCounter responses;
  private final ViidHttpHandler handler;

  ViidHttpInitializer(
      ViidAdapterConfig config,
      ConnectionLimit connectionLimit,
      AdapterFaults faults,
      ResponseCounter responses,
      ViidHttpHandler handler) {
    this.config = config;
    this.connectionLimit = connectionLimit;
    this.faults = faults;
    this.responses = responses;
    this.handler = handler;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("limit", connectionLimit);
    p.addLast(
        "idle", new ReadTimeoutHandler(config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    p.addLast(
        "codec", new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
    p.addLast("aggregate", new BodyAggregator(config.limits().maxBodyBytes(), faults, responses));
    p.addLast("viid", handler);
  }

  /** Aggregates a body up to the bound; a larger one gets 413 and the connection closes. */
  static final class BodyAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;
    private final AdapterFaults faults;
    private final ResponseCounter responses;

    BodyAggregator(int maxBodyBytes, AdapterFaults faults, ResponseCounter responses) {
      super(maxBodyBytes);
      this.maxBodyBytes = maxBodyBytes;
      this.faults = faults;
      this.responses = responses;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      String message =
          "request body larger than the limit of "
              + maxBodyBytes
              + " bytes (viid.maxBodyBytes)"
              + " — send fewer objects per request";
      faults.report(FaultKind.INPUT_REJECTED, "413 " + message, null);
      responses.count(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code());
      HttpReplies.send(
          ctx,
          oversized instanceof HttpRequest r ? r : null,
          ViidReplies.body(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Map.of("error", message)),
          true);
    }
  }
}
