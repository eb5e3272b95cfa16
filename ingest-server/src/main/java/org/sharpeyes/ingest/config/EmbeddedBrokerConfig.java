package org.sharpeyes.ingest.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The in-process MQTT broker (Apache ActiveMQ Artemis).
 *
 * @param enabled whether to run it; when false, {@code broker.url} names an external broker
 * @param host interface its MQTT acceptor binds
 * @param port MQTT port; {@code 0} picks a free one at start
 * @param dataDir where it keeps its journal, bindings, paging and large messages (absolute)
 * @param security whether clients must log in (edges with their accounts, the server with its own)
 *     and keep to their topics; on by default
 * @param tls an additional MQTT-over-TLS listener, or {@code null} for none
 */
public record EmbeddedBrokerConfig(
    boolean enabled, String host, int port, Path dataDir, boolean security, Tls tls) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 1883;
  public static final int DEFAULT_TLS_PORT = 8883;

  /**
   * MQTT over TLS, from PEM files, on an interface of its own: edges on other machines reach it
   * while the plain listener stays on loopback for the server's own clients.
   *
   * @param host interface it binds; {@code null} means the plain listener's ({@code
   *     broker.embedded.host})
   * @param port {@code 0} picks a free one at start
   * @param certFile the broker's certificate chain (PEM), leaf first
   * @param keyFile its private key (PEM, unencrypted PKCS#8, PKCS#1 or SEC1)
   */
  public record Tls(String host, int port, Path certFile, Path keyFile) {
    public Tls {
      if (host != null && host.isBlank()) {
        throw new IllegalArgumentException("embedded broker TLS host must not be blank");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "embedded broker TLS port must be 0..65535, was " + port);
      }
      certFile = certFile.toAbsolutePath().normalize();
      keyFile = keyFile.toAbsolutePath().normalize();
    }

    /** On the plain listener's interface. */
    public Tls(int port, Path certFile, Path keyFile) {
      this(null, port, certFile, keyFile);
    }

    public Tls withPort(int newPort) {
      return new Tls(host, newPort, certFile, keyFile);
    }
  }

  /** Security on, no TLS listener. */
  public EmbeddedBrokerConfig(boolean enabled, String host, int port, Path dataDir) {
    this(enabled, host, port, dataDir, true, null);
  }

  public EmbeddedBrokerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("embedded broker host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("embedded broker port must be 0..65535, was " + port);
    }
    dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
  }

  /** The interface the TLS listener binds (its own, or the plain listener's); null without one. */
  public String tlsHost() {
    return tls == null ? null : tls.host() != null ? tls.host() : host;
  }

  public EmbeddedBrokerConfig withPort(int newPort) {
    return new EmbeddedBrokerConfig(enabled, host, newPort, dataDir, security, tls);
  }

  public EmbeddedBrokerConfig withEnabled(boolean on) {
    return new EmbeddedBrokerConfig(on, host, port, dataDir, security, tls);
  }

  public EmbeddedBrokerConfig withSecurity(boolean on) {
    return new EmbeddedBrokerConfig(enabled, host, port, dataDir, on, tls);
  }

  /** With a TLS listener ({@code null}: none). */
  public EmbeddedBrokerConfig withTls(Tls newTls) {
    return new EmbeddedBrokerConfig(enabled, host, port, dataDir, security, newTls);
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
