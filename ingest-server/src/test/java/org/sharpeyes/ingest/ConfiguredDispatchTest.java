package org.sharpeyes.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.config.HttpConfig;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.testing.TestLogins;

/** The server's one HTTP dispatch takes its bounds from {@code http.*}. */
class ConfiguredDispatchTest {

  @TempDir Path dataDir;

  @Test
  void aServerAllowedTwoPendingRequestsAnswersTheThird503() throws Exception {
    IngestServerConfig config =
        TestLogins.withTestUsers(IngestServerConfig.ephemeral(dataDir))
            .withHttp(new HttpConfig("127.0.0.1", 0, 1, 2));
    CountDownLatch release = new CountDownLatch(1);
    try (IngestServer server = IngestServer.start(config, Clock.systemUTC())) {
      String bearer = TestLogins.bearer(server.httpPort(), TestLogins.SUPERVISOR);
      BlockingDispatch dispatch = server.dispatch();
      for (int i = 0; i < 2; i++) {
        dispatch.submit("test-hold", () -> release.await(60, TimeUnit.SECONDS));
      }
      await().until(() -> dispatch.pending() == 2);

      HttpResponse<String> third =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.httpPort() + "/api/dead-letters"))
                      .header("Authorization", bearer)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(third.headers().firstValue("Retry-After")).isPresent();
      assertThat(third.body()).contains("2 requests are already being served");
    } finally {
      release.countDown();
    }
  }
}
