package org.sharpeyes.sims.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An edge-agent plate endpoint on a free port: records every request and answers as its script
 * says. The default script accepts every read with 202 and a fresh event id.
 */
public final class FakeEdge implements AutoCloseable {

  /** One request as the edge saw it. */
  public record Received(
      int index, String deviceId, String contentType, String authorization, JsonNode body) {
    public String plate() {
      return body.path("plate").asText();
    }
  }

  /** An answer: status and JSON body. */
  public record Answer(int status, String body) {
    public static Answer accepted(String eventId, String plate) {
      return new Answer(202, "{\"eventId\":\"" + eventId + "\",\"plateNumber\":\"" + plate + "\"}");
    }
  }

  /** Decides the answer to the {@code index}-th request (0-based). */
  public interface Script {
    Answer answer(Received request);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile Script script;

  public FakeEdge() {
    this(request -> Answer.accepted("ev-" + request.index(), request.plate()));
  }

  public FakeEdge(Script script) {
    this.script = script;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/plates", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI platesUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/plates");
  }

  public List<Received> received() {
    return received;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] bytes = exchange.getRequestBody().readAllBytes();
      Received request =
          new Received(
              counter.getAndIncrement(),
              exchange.getRequestHeaders().getFirst("X-Device-Id"),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("Authorization"),
              JSON.readTree(bytes));
      received.add(request);
      Answer answer = script.answer(request);
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), out.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
