package org.sharpeyes.edge.status;

import java.util.Objects;

/**
 * Where the status endpoints ({@code /healthz}, {@code /metrics}, {@code /status}) listen.
 *
 * @param host address to bind; {@code 127.0.0.1} keeps them local to the box
 * @param port TCP port, 0..65535; 0 picks a free port
 */
public record StatusHttpConfig(String host, int port) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9180;
  public static final StatusHttpConfig DEFAULTS = new StatusHttpConfig(DEFAULT_HOST, DEFAULT_PORT);

  public StatusHttpConfig {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
  }

  public StatusHttpConfig withPort(int newPort) {
    return new StatusHttpConfig(host, newPort);
  }
}
