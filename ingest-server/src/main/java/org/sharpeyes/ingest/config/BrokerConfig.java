package org.sharpeyes.ingest.config;

import java.net.URI;
import java.time.Duration;

/**
 * The MQTT broker the server subscribes to.
 *
 * @param embedded the in-process broker; when enabled, {@code url} points at it
 * @param url {@code tcp://host:port} or {@code ssl://host:port} of the broker to connect to; when
 *     the embedded broker is enabled this is derived from it (port 0 is resolved at start)
 * @param clientId fixed MQTT client id, so that the broker keeps the session (QoS 1 messages queued
 *     while the server is down) between runs
 * @param credentials user and password, or {@link Credentials#NONE}
 * @param keepAlive MQTT keep-alive interval
 * @param reconnectMin first delay before reconnecting after a lost connection
 * @param reconnectMax cap of the doubling reconnect delay
 */
public record BrokerConfig(
    EmbeddedBrokerConfig embedded,
    URI url,
    String clientId,
    Credentials credentials,
    Duration keepAlive,
    Duration reconnectMin,
    Duration reconnectMax) {

  public static final String DEFAULT_CLIENT_ID = "ingest-server-1";
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(500);
  public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);

  public BrokerConfig {
    if (reconnectMin.compareTo(reconnectMax) > 0) {
      throw new IllegalArgumentException("reconnectMin must not exceed reconnectMax");
    }
  }

  /** Same settings, connecting to an external broker at {@code brokerUrl}. */
  public BrokerConfig withExternalUrl(URI brokerUrl) {
    return new BrokerConfig(
        new EmbeddedBrokerConfig(false, embedded.host(), embedded.port(), embedded.dataDir()),
        brokerUrl,
        clientId,
        credentials,
        keepAlive,
        reconnectMin,
        reconnectMax);
  }

  /** Same settings, with the embedded broker enabled on {@code port} ({@code 0}: any free port). */
  public BrokerConfig withEmbeddedPort(int port) {
    EmbeddedBrokerConfig e =
        new EmbeddedBrokerConfig(true, embedded.host(), port, embedded.dataDir());
    return new BrokerConfig(
        e, embeddedUrl(e), clientId, credentials, keepAlive, reconnectMin, reconnectMax);
  }

  /** The URL a client uses to reach the embedded broker (a wildcard bind host means loopback). */
  static URI embeddedUrl(EmbeddedBrokerConfig e) {
    String host = e.host().equals("0.0.0.0") || e.host().equals("::") ? "127.0.0.1" : e.host();
    return URI.create("tcp://" + host + ":" + e.port());
  }
}
