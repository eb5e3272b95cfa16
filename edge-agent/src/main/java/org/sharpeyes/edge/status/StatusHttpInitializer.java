package org.sharpeyes.edge.status;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.sharpeyes.edge.http.ConnectionLimit;

/** The pipeline of one status connection; holds no logic of its own. */
final class StatusHttpInitializer extends ChannelInitializer<Channel> {

  /** Status requests carry no body worth keeping. */
  static final int MAX_BODY_BYTES = 8 * 1024;

  static final int IDLE_SECONDS = 30;

  private final ConnectionLimit connectionLimit;
  private final StatusHttpHandler handler;

  StatusHttpInitializer(ConnectionLimit connectionLimit, StatusHttpHandler handler) {
    this.connectionLimit = connectionLimit;
    this.handler = handler;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("limit", connectionLimit);
    p.addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
    p.addLast("codec", new HttpServerCodec());
    p.addLast("aggregate", new HttpObjectAggregator(MAX_BODY_BYTES));
    p.addLast("status", handler);
  }
}
