package org.sharpeyes.sims.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.sims.testing.FakeAlertFeed;

class SseClientTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<SseEvent> events = new CopyOnWriteArrayList<>();
  private FakeAlertFeed feed;
  private SseClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    if (feed != null) {
      feed.close();
    }
  }

  private SseClient clientFor(URI uri) {
    client = new SseClient(http, uri, null, events::add, SseLineParser.DEFAULT_MAX_EVENT_CHARS);
    return client;
  }

  @Test
  void eventsArriveInStreamOrder() throws Exception {
    feed = new FakeAlertFeed();
    clientFor(feed.streamUri()).connect().get(5, TimeUnit.SECONDS);
    await().until(() -> feed.subscribers() == 1);

    feed.publish("alert", "{\"id\":\"a1\",\"count\":1}");
    feed.publish("alert-update", "{\"id\":\"a1\",\"count\":2}");

    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
    assertThat(events).extracting(SseEvent::type).containsExactly("alert", "alert-update");
    assertThat(client.state()).isEqualTo(SseClient.State.OPEN);
  }

  @Test
  void closingStopsTheReaderThread() throws Exception {
    feed = new FakeAlertFeed();
    clientFor(feed.streamUri()).connect().get(5, TimeUnit.SECONDS);

    client.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> client.ended().isDone());
    assertThat(client.state()).isEqualTo(SseClient.State.CLOSED);
  }

  @Test
  void aRefusedConnectionFailsTheConnectFuture() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                clientFor(URI.create("http://127.0.0.1:" + freePort + "/s"))
                    .connect()
                    .get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(client.state()).isEqualTo(SseClient.State.FAILED);
  }

  @Test
  void anAnswerOtherThan200FailsWithTheStatus() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
    try {
      URI uri =
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/alerts/stream");

      assertThatThrownBy(() -> clientFor(uri).connect().get(5, TimeUnit.SECONDS))
          .hasMessageContaining("answered 404");
      assertThat(client.state()).isEqualTo(SseClient.State.FAILED);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aHandlerThatThrowsDoesNotEndTheStream() throws Exception {
    feed = new FakeAlertFeed();
    client =
        new SseClient(
            http,
            feed.streamUri(),
            null,
            event -> {
              if (event.data().equals("bad")) {
                throw new IllegalStateException("boom");
              }
              events.add(event);
            },
            1024);
    client.connect().get(5, TimeUnit.SECONDS);
    await().until(() -> feed.subscribers() == 1);

    feed.publish("alert", "bad");
    feed.publish("alert", "good");

    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
    assertThat(client.handlerFailures()).isEqualTo(1);
  }
}
