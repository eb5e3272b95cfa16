package org.sharpeyes.edge.adapter.plate;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.http.ConnectionLimit;
import org.sharpeyes.edge.http.PushAuthenticator;
import org.sharpeyes.edge.http.ResponseCounter;

/** The pipeline of one plate reader connection; holds no logic of its own. */
final class PlateHttpInitializer extends ChannelInitializer<Channel> {

  static final int MAX_INITIAL_LINE_BYTES = 4096;
  static final int MAX_HEADER_BYTES = 8192;
  static final int MAX_CHUNK_BYTES = 8192;

  private final PlateReaderAdapterConfig config;
  private final ConnectionLimit connectionLimit;
  private final AdapterFaults faults;
  private final AdapterStatusTracker status;
  private final ResponseCounter responses;
  private final PlateHttpHandler handler;
  private final PushAuthenticator authenticator;

  PlateHttpInitializer(
      PlateReaderAdapterConfig config,
      ConnectionLimit connectionLimit,
      AdapterFaults faults,
      AdapterStatusTracker status,
      ResponseCounter responses,
      PlateHttpHandler handler,
      PushAuthenticator authenticator) {
    this.authenticator = authenticator;
    this.config = config;
    this.connectionLimit = connectionLimit;
    this.faults = faults;
    this.status = status;
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
    p.addLast("gate", new PlateRequestGate(config, faults, status, responses, authenticator));
    p.addLast("aggregate", new PlateBodyAggregator(config.maxBodyBytes(), faults, responses));
    p.addLast("plates", handler);
  }
}
