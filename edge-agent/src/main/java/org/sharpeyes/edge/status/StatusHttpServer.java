package org.sharpeyes.edge.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import org.sharpeyes.edge.http.ConnectionLimit;
import org.sharpeyes.edge.telemetry.EdgeMetrics;

/**
 * The status listener ({@code /healthz}, {@code /metrics}, {@code /status}) on the shared event
 * loops. Owns its server channel and accepted connections, not the event loops.
 */
public final class StatusHttpServer implements AutoCloseable {

  /** Status clients are a scraper and an operator or two. */
  static final int MAX_CONNECTIONS = 16;

  private final StatusHttpConfig config;
  private final EventLoopGroup io;
  private final ConnectionLimit connections;
  private final StatusHttpInitializer initializer;
  private Channel serverChannel;

  public StatusHttpServer(
      StatusHttpConfig config, EventLoopGroup io, StatusSource source, MeterRegistry meters) {
    this.config = config;
    this.io = io;
    this.connections =
        new ConnectionLimit(
            MAX_CONNECTIONS,
            Counter.builder(EdgeMetrics.HTTP_CONNECTIONS_REFUSED)
                .tag("listener", "status")
                .register(meters));
    this.initializer = new StatusHttpInitializer(connections, new StatusHttpHandler(source));
  }

  /**
   * Binds, blocking until bound; call from a startup thread, never an event loop.
   *
   * @return the bound port (resolves port 0)
   * @throws IllegalStateException with the reason when the port cannot be bound
   */
  public int start() {
    try {
      serverChannel =
          new ServerBootstrap()
              .group(io)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childHandler(initializer)
              .bind(config.host(), config.port())
              .sync()
              .channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding the status port", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "status: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(),
          e);
    }
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** The address bound; {@code null} before {@link #start()}. */
  public InetSocketAddress address() {
    return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
  }

  /** Closes the listener and its connections, blocking until done. */
  @Override
  public void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
    }
    connections.closeAll().join();
  }
}
