package org.sharpeyes.ingest.config;

/**
 * Where the HTTP API, live feed, health and metrics listen.
 *
 * @param host interface to bind, e.g. {@code 0.0.0.0} for all
 * @param port TCP port; {@code 0} picks a free one (see the startup log line)
 */
public record HttpConfig(String host, int port) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;

  public HttpConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("http host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http port must be 0..65535, was " + port);
    }
  }

  public static HttpConfig defaults() {
    return new HttpConfig(DEFAULT_HOST, DEFAULT_PORT);
  }
}
