package org.sharpeyes.ingest.config;

/**
 * Where the HTTP API, live feed, health and metrics listen, and how much blocking work (store
 * queries, photo checks) the API takes on at once.
 *
 * @param host interface to bind, e.g. {@code 0.0.0.0} for all
 * @param port TCP port; {@code 0} picks a free one (see the startup log line)
 * @param workerThreads threads running the routes' blocking work, 1..{@value #MAX_WORKER_THREADS}
 * @param maxPendingRequests requests queued or running on them at once, from {@code workerThreads}
 *     to {@value #MAX_PENDING_REQUESTS}; one more is answered 503 with {@code Retry-After}
 * @param tls the certificate and key of HTTPS; {@code null} serves plain HTTP
 */
public record HttpConfig(
    String host, int port, int workerThreads, int maxPendingRequests, HttpTlsConfig tls) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;

  /** A few slow queries overlap; a flood queues. */
  public static final int DEFAULT_WORKER_THREADS = 4;

  public static final int MAX_WORKER_THREADS = 64;
  public static final int DEFAULT_MAX_PENDING_REQUESTS = 64;
  public static final int MAX_PENDING_REQUESTS = 10_000;

  public HttpConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("http host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http port must be 0..65535, was " + port);
    }
    if (workerThreads < 1 || workerThreads > MAX_WORKER_THREADS) {
      throw new IllegalArgumentException(
          "http.workerThreads must be 1.." + MAX_WORKER_THREADS + ", was " + workerThreads);
    }
    if (maxPendingRequests < workerThreads || maxPendingRequests > MAX_PENDING_REQUESTS) {
      throw new IllegalArgumentException(
          "http.maxPendingRequests must be from http.workerThreads ("
              + workerThreads
              + ") to "
              + MAX_PENDING_REQUESTS
              + ", was "
              + maxPendingRequests);
    }
  }

  /** A plain HTTP listener. */
  public HttpConfig(String host, int port, int workerThreads, int maxPendingRequests) {
    this(host, port, workerThreads, maxPendingRequests, null);
  }

  /** A plain HTTP listener with the default dispatch bounds. */
  public HttpConfig(String host, int port) {
    this(host, port, DEFAULT_WORKER_THREADS, DEFAULT_MAX_PENDING_REQUESTS);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(DEFAULT_HOST, DEFAULT_PORT);
  }

  /** A copy listening on another port, with the same dispatch bounds. */
  public HttpConfig withPort(int newPort) {
    return new HttpConfig(host, newPort, workerThreads, maxPendingRequests, tls);
  }

  /** A copy serving HTTPS with {@code newTls} ({@code null}: plain HTTP). */
  public HttpConfig withTls(HttpTlsConfig newTls) {
    return new HttpConfig(host, port, workerThreads, maxPendingRequests, newTls);
  }

  /** {@code https} or {@code http}. */
  public String scheme() {
    return tls == null ? "http" : "https";
  }
}
