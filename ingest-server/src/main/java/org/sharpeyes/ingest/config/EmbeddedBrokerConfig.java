package org.sharpeyes.ingest.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * The in-process MQTT broker (Apache ActiveMQ Artemis).
 *
 * @param enabled whether to run it; when false, {@code broker.url} names an external broker
 * @param host interface its MQTT acceptor binds
 * @param port MQTT port; {@code 0} picks a free one at start
 * @param dataDir where it keeps its journal, bindings, paging and large messages (absolute)
 */
public record EmbeddedBrokerConfig(boolean enabled, String host, int port, Path dataDir) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 1883;

  public EmbeddedBrokerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("embedded broker host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("embedded broker port must be 0..65535, was " + port);
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  public EmbeddedBrokerConfig withPort(int newPort) {
    return new EmbeddedBrokerConfig(enabled, host, newPort, dataDir);
  }

  public EmbeddedBrokerConfig withEnabled(boolean on) {
    return new EmbeddedBrokerConfig(on, host, port, dataDir);
  }

  /**
   * The URL a client of this process uses to reach it (a wildcard bind host means loopback; port 0
   * is resolved at start).
   *
   * @throws IllegalArgumentException when the host cannot be part of a URL
   */
  public URI clientUrl() {
    String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    URI url = URI.create("tcp://" + h + ":" + port);
    if (url.getHost() == null) {
      throw new IllegalArgumentException("'" + host + "' is not an IP address or host name");
    }
    return url;
  }
}
