package org.sharpeyes.ingest.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sharpeyes.ingest.config.HttpConfig;
import org.sharpeyes.ingest.config.HttpTlsConfig;
import org.sharpeyes.ingest.tls.PemIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one HTTP listener of the server: API, live feed, health and metrics on one port. */
public final class IngestHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestHttpServer.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** The protocols HTTPS offers: older ones are broken or deprecated (RFC 8996). */
  public static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private final HttpServer server;
  private final Router router;

  private IngestHttpServer(HttpServer server, Router router) {
    this.server = server;
    this.router = router;
  }

  /** The paths of the routes served, as Vert.x writes them ({@code /api/alerts/:id}). */
  public java.util.List<String> routePaths() {
    return routePaths(router);
  }

  /** The paths of the routes mounted on {@code router}, as Vert.x writes them. */
  public static java.util.List<String> routePaths(Router router) {
    return router.getRoutes().stream()
        .map(io.vertx.ext.web.Route::getPath)
        .filter(java.util.Objects::nonNull)
        .distinct()
        .toList();
  }

  /**
   * The Vert.x instance the listener runs on, reporting its HTTP, event-loop and JVM meters to
   * {@code registry} (served by {@code /metrics}). Its owner closes it.
   */
  public static Vertx vertx(MeterRegistry registry) {
    return Vertx.builder()
        .with(
            new VertxOptions()
                .setMetricsOptions(
                    new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /**
   * How the API listens: HTTP/1.1 with compression. No clear-text HTTP/2 upgrade (h2c): browsers
   * never ask for it, and the JDK's {@code HttpClient} asks for it by default on {@code http://}, a
   * path on which a request to this server was seen left unanswered for good.
   */
  public static HttpServerOptions options(String host, int port) {
    return new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setCompressionSupported(true)
        .setHttp2ClearTextEnabled(false);
  }

  /**
   * {@link #options(String, int)} for a configured listener: with {@code http.tls}, HTTPS with the
   * certificate and key read (and checked) now, TLS 1.2 and 1.3 only.
   *
   * @throws IllegalStateException naming {@code http.tls.certFile} or {@code keyFile} and the fix
   *     when a file went missing or changed since the config was validated
   */
  public static HttpServerOptions options(HttpConfig config) {
    HttpServerOptions options = options(config.host(), config.port());
    HttpTlsConfig tls = config.tls();
    if (tls == null) {
      return options;
    }
    PemIdentity identity;
    try {
      identity = PemIdentity.read(tls.certFile(), tls.keyFile());
    } catch (PemIdentity.PemProblem p) {
      throw new IllegalStateException("http.tls." + p.part().key() + ": " + p.getMessage(), p);
    }
    LOG.info(
        "HTTPS with the certificate of {} (valid until {}) from {}",
        identity.certificate().getSubjectX500Principal().getName(),
        identity.certificate().getNotAfter().toInstant(),
        tls.certFile());
    return options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(identity.certificatesPem()))
                .setKeyValue(Buffer.buffer(identity.keyPem())))
        .setEnabledSecureTransportProtocols(TLS_PROTOCOLS);
  }

  /**
   * Binds {@code router} to the configured host and port; waits until it listens.
   *
   * @throws IllegalStateException with the reason when the port cannot be bound
   */
  public static IngestHttpServer start(Vertx vertx, HttpConfig config, Router router) {
    HttpServerOptions options = options(config);
    try {
      HttpServer server =
          vertx
              .createHttpServer(options)
              .requestHandler(router)
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new IngestHttpServer(server, router);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot listen for HTTP on "
              + config.host()
              + ":"
              + config.port()
              + " ("
              + e.getCause().getMessage()
              + "); free the port or set http.port / --http-port",
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("HTTP listener did not start within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the HTTP listener", e);
    }
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // closing anyway; nothing to recover
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
