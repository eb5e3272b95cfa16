package org.sharpeyes.ingest.outbound;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/** A receiver's endpoint on 127.0.0.1: records each request and answers what the test says. */
final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived, and the status it was answered. */
  record Request(
      String event,
      String delivery,
      String timestamp,
      String signature,
      byte[] body,
      int answered) {}

  private final HttpServer http;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile IntSupplier answer;

  WebhookReceiver(IntSupplier answer) throws IOException {
    this.answer = answer;
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = this.answer.getAsInt();
          var h = exchange.getRequestHeaders();
          requests.add(
              new Request(
                  h.getFirst("X-SharpEyes-Event"),
                  h.getFirst("X-SharpEyes-Delivery"),
                  h.getFirst("X-SharpEyes-Timestamp"),
                  h.getFirst("X-SharpEyes-Signature"),
                  body,
                  status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    http.start();
  }

  /** Answers the first {@code failures} requests 500, then 200. */
  static WebhookReceiver failingFirst(int failures) throws IOException {
    int[] seen = {0};
    return new WebhookReceiver(
        () -> {
          synchronized (seen) {
            return seen[0]++ < failures ? 500 : 200;
          }
        });
  }

  void answer(IntSupplier newAnswer) {
    this.answer = newAnswer;
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
