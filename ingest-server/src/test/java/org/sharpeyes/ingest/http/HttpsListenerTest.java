package org.sharpeyes.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.config.HttpConfig;
import org.sharpeyes.ingest.config.HttpTlsConfig;
import org.sharpeyes.ingest.testing.TestCertificates;

/** The API over HTTPS: a real TLS handshake with a certificate the test's own CA issued. */
class HttpsListenerTest {

  @TempDir Path dir;

  private final Vertx vertx = Vertx.vertx();
  private final TestCertificates cityCa = TestCertificates.authority("Test City CA");
  private IngestHttpServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private HttpTlsConfig serverFiles(TestCertificates ca) {
    TestCertificates.Issued issued = ca.serverCertificate();
    return new HttpTlsConfig(
        issued.writeChain(dir.resolve("server.crt"), ca),
        issued.writeKey(dir.resolve("server.key")));
  }

  private int startHttps(HttpTlsConfig tls) {
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    new HealthRoute(
            () ->
                new Health(
                    true,
                    "CONNECTED",
                    "tcp://127.0.0.1:1883",
                    null,
                    true,
                    Instant.EPOCH,
                    true,
                    0,
                    10,
                    1,
                    1))
        .mount(router);
    server = IngestHttpServer.start(vertx, new HttpConfig("127.0.0.1", 0).withTls(tls), router);
    return server.port();
  }

  private static HttpResponse<String> get(HttpClient client, int port) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aClientTrustingTheCityCaCompletesTheHandshakeAndReadsHealth() throws Exception {
    int port = startHttps(serverFiles(cityCa));
    HttpClient client = HttpClient.newBuilder().sslContext(cityCa.clientContext()).build();

    HttpResponse<String> health = get(client, port);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void aClientTrustingAnotherCaRefusesTheServersCertificate() {
    int port = startHttps(serverFiles(cityCa));
    TestCertificates otherCa = TestCertificates.authority("Some Other CA");
    HttpClient client = HttpClient.newBuilder().sslContext(otherCa.clientContext()).build();

    assertThatThrownBy(() -> get(client, port)).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aClientOfferingOnlyTls12IsServedAndNothingOlderThanTls12IsOffered() throws Exception {
    int port = startHttps(serverFiles(cityCa));
    HttpClient tls12 =
        HttpClient.newBuilder()
            .sslContext(cityCa.clientContext())
            .sslParameters(new SSLParameters(null, new String[] {"TLSv1.2"}))
            .build();

    assertThat(get(tls12, port).statusCode()).isEqualTo(200);
    assertThat(
            IngestHttpServer.options(new HttpConfig("127.0.0.1", 0).withTls(serverFiles(cityCa)))
                .getEnabledSecureTransportProtocols())
        .containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
  }

  @Test
  void aKeyFileRemovedAfterValidationStopsTheStartNamingTheKey() throws Exception {
    HttpTlsConfig tls = serverFiles(cityCa);
    Files.delete(tls.keyFile());

    assertThatThrownBy(() -> startHttps(tls))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("http.tls.keyFile: file " + tls.keyFile() + " does not exist");
  }
}
