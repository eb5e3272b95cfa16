package org.sharpeyes.edge.http;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps track of a listener's open connections: closes those beyond a bound as they arrive
 * (counting each refusal) and closes all of them when the listener stops, since closing a server
 * channel leaves its accepted connections open. One instance per listener, shared by its channels;
 * put it first in the pipeline.
 */
@ChannelHandler.Sharable
public final class ConnectionLimit extends ChannelInboundHandlerAdapter {

  private final int maxConnections;
  private final Counter refused;
  private final Set<Channel> open = ConcurrentHashMap.newKeySet();

  public ConnectionLimit(int maxConnections, Counter refused) {
    this.maxConnections = maxConnections;
    this.refused = refused;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    open.add(ctx.channel());
    if (open.size() > maxConnections) {
      refused.increment();
      ctx.close();
      return;
    }
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    open.remove(ctx.channel());
    super.channelInactive(ctx);
  }

  public int open() {
    return open.size();
  }

  /** Closes every open connection; completes when all are closed. */
  public CompletableFuture<Void> closeAll() {
    List<CompletableFuture<Void>> closing =
        open.stream()
            .map(
                ch -> {
                  CompletableFuture<Void> f = new CompletableFuture<>();
                  ChannelFuture cf = ch.close();
                  cf.addListener(done -> f.complete(null));
                  return f;
                })
            .toList();
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
  }
}
