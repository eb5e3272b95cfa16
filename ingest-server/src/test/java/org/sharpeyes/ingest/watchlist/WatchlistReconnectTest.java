package org.sharpeyes.ingest.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.broker.EmbeddedBroker;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.runtime.Backoff;

/**
 * The watchlist publisher's own connection comes back after the broker went away, with the
 * configured {@code broker.reconnect} backoff (not Paho's automatic reconnect and its own delays).
 */
class WatchlistReconnectTest {

  private static final Path DEMO_CITY = Path.of("../config/demo-city");

  @TempDir Path dir;
  private EmbeddedBroker broker;
  private IngestServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void theWatchlistConnectionIsMadeAgainWhenTheBrokerComesBack() throws Exception {
    EmbeddedBrokerConfig brokerConfig =
        new EmbeddedBrokerConfig(true, "127.0.0.1", 0, dir.resolve("broker"));
    broker = EmbeddedBroker.startOpen(brokerConfig);
    int port = broker.port();
    IngestServerConfig config =
        TestLogins.withTestUsers(IngestServerConfig.ephemeral(dir.resolve("server")))
            .withExternalBroker(broker.clientUrl());
    config =
        config.withBroker(
            config
                .broker()
                .withReconnect(new Backoff.Bounds(Duration.ofMillis(50), Duration.ofMillis(200))));
    server = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());
    bearer = TestLogins.bearer(server.httpPort(), TestLogins.SUPERVISOR);
    await("watchlist publisher connected").until(this::publisherConnected);

    broker.close();
    await("watchlist publisher lost the broker").until(() -> !publisherConnected());
    broker = EmbeddedBroker.startOpen(brokerConfig.withPort(port));

    await("watchlist publisher connected again")
        .atMost(Duration.ofSeconds(15))
        .until(this::publisherConnected);
    assertThat(watchlist().getString("publisherError")).isNull();
  }

  private String bearer;

  private boolean publisherConnected() throws Exception {
    return watchlist().getBoolean("publisherConnected");
  }

  private JsonObject watchlist() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/api/watchlist"))
                .header("Authorization", bearer)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body());
  }
}
