package org.sharpeyes.edge.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The listener of a device that pushes to the edge over HTTP (plate readers, GA/T 1400 cameras),
 * bound on the agent's shared event loops. Owns only its server channel and, through the {@link
 * ConnectionLimit}, the connections it accepted; never the event loops.
 */
public final class PushListener {

  static final int BACKLOG = 64;

  private final String host;
  private final int port;
  private final EventLoopGroup io;
  private final ChannelHandler initializer;
  private final ConnectionLimit connections;
  private volatile Channel serverChannel;

  /**
   * @param initializer sets up each accepted connection's pipeline (the connection limit first)
   * @param connections the limit that also closes the accepted connections at {@link #close()}
   */
  public PushListener(
      String host,
      int port,
      EventLoopGroup io,
      ChannelHandler initializer,
      ConnectionLimit connections) {
    this.host = host;
    this.port = port;
    this.io = io;
    this.initializer = initializer;
    this.connections = connections;
  }

  /** Binds; completes with the bound port, or fails with the reason (e.g. port taken). */
  public CompletableFuture<Integer> bind() {
    CompletableFuture<Integer> bound = new CompletableFuture<>();
    ChannelFuture f =
        new ServerBootstrap()
            .group(io)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, BACKLOG)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(initializer)
            .bind(host, port);
    f.addListener(
        done -> {
          if (done.isSuccess()) {
            serverChannel = f.channel();
            bound.complete(((InetSocketAddress) f.channel().localAddress()).getPort());
          } else {
            bound.completeExceptionally(done.cause());
          }
        });
    return bound;
  }

  /** Closes the listener, then every connection it accepted. */
  public CompletableFuture<Void> close() {
    Channel ch = serverChannel;
    CompletableFuture<Void> listenerClosed = new CompletableFuture<>();
    if (ch == null) {
      listenerClosed.complete(null);
    } else {
      ch.close().addListener(done -> listenerClosed.complete(null));
    }
    return listenerClosed.thenCompose(v -> connections.closeAll());
  }
}
