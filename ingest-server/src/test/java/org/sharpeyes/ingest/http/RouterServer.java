package org.sharpeyes.ingest.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sharpeyes.ingest.config.HttpConfig;

/** A router with the server's problem replies, behind a real HTTP listener on a free port. */
final class RouterServer implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  private final IngestHttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param routes mounts the routes under test
   */
  RouterServer(Consumer<Router> routes) {
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    routes.accept(router);
    server = IngestHttpServer.start(vertx, new HttpConfig("127.0.0.1", 0), router);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(request(path).build());
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> getLater(String path) {
    return http.sendAsync(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
