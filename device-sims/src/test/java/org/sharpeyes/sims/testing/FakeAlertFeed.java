package org.sharpeyes.sims.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An ingest-server live feed ({@code text/event-stream}) on a free port. Subscribers stay connected
 * until {@link #close()}; {@link #send(String)} writes raw SSE text to all of them.
 */
public final class FakeAlertFeed implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<HttpExchange> subscribers = new CopyOnWriteArrayList<>();

  public FakeAlertFeed() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/alerts/stream", this::subscribe);
    server.setExecutor(executor);
    server.start();
  }

  public URI streamUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/alerts/stream");
  }

  public int subscribers() {
    return subscribers.size();
  }

  private void subscribe(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    subscribers.add(exchange);
  }

  /** Sends an {@code event:}/{@code data:} pair to every subscriber. */
  public void publish(String type, String json) {
    send("event: " + type + "\ndata: " + json + "\n\n");
  }

  /** Writes raw SSE text to every subscriber; a subscriber that went away is dropped. */
  public synchronized void send(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (HttpExchange exchange : subscribers) {
      try {
        OutputStream out = exchange.getResponseBody();
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        subscribers.remove(exchange);
        exchange.close();
      }
    }
  }

  @Override
  public void close() {
    subscribers.forEach(HttpExchange::close);
    server.stop(0);
    executor.shutdownNow();
  }
}
