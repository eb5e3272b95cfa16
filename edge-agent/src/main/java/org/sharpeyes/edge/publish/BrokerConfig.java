package org.sharpeyes.edge.publish;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the edge reaches its MQTT broker. What it holds while the broker is away is the outbox's
 * business ({@code OutboxConfig}).
 *
 * @param url {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId MQTT client id; by default the edge id
 * @param usernameEnv name of the environment variable holding the username, or {@code null}
 * @param passwordEnv name of the environment variable holding the password, or {@code null}
 * @param tls trust settings; present exactly when {@code url} is {@code ssl://}
 * @param keepAlive MQTT keep-alive interval, whole seconds from 1s
 * @param reconnect delays between connection attempts
 * @param maxInFlight events sent but not yet acknowledged (PUBACK), 1..65535
 */
public record BrokerConfig(
    URI url,
    String clientId,
    String usernameEnv,
    String passwordEnv,
    TlsConfig tls,
    Duration keepAlive,
    ReconnectConfig reconnect,
    int maxInFlight) {

  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_IN_FLIGHT = 100;

  /** What an environment variable name may look like. */
  public static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public BrokerConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(reconnect, "reconnect");
    String scheme = url.getScheme();
    if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
      throw new IllegalArgumentException("broker url " + url + " must start with tcp:// or ssl://");
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("broker url " + url + " has no host");
    }
    if ("ssl".equals(scheme) != (tls != null)) {
      throw new IllegalArgumentException(
          "tls settings are required for ssl:// and not allowed for tcp:// (url " + url + ")");
    }
    if (passwordEnv != null && usernameEnv == null) {
      throw new IllegalArgumentException("passwordEnv needs usernameEnv");
    }
    checkEnvName(usernameEnv);
    checkEnvName(passwordEnv);
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    if (keepAlive.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("keepAlive must be at least 1s, was " + keepAlive);
    }
    if (maxInFlight < 1 || maxInFlight > 65_535) {
      throw new IllegalArgumentException("maxInFlight must be 1..65535, was " + maxInFlight);
    }
  }

  /** Settings with every default, for a plain {@code tcp://} broker. */
  public static BrokerConfig defaults(String url, String clientId) {
    return new BrokerConfig(
        URI.create(url),
        clientId,
        null,
        null,
        null,
        DEFAULT_KEEP_ALIVE,
        ReconnectConfig.DEFAULTS,
        DEFAULT_MAX_IN_FLIGHT);
  }

  /** A copy pointing at another {@code tcp://} broker (drops TLS settings). */
  public BrokerConfig withUrl(String newUrl) {
    URI uri = URI.create(newUrl);
    TlsConfig keptTls = "ssl".equals(uri.getScheme()) ? tls : null;
    return new BrokerConfig(
        uri, clientId, usernameEnv, passwordEnv, keptTls, keepAlive, reconnect, maxInFlight);
  }

  /** A copy with another in-flight window. */
  public BrokerConfig withMaxInFlight(int newMaxInFlight) {
    return new BrokerConfig(
        url, clientId, usernameEnv, passwordEnv, tls, keepAlive, reconnect, newMaxInFlight);
  }

  /** A copy with other reconnect delays. */
  public BrokerConfig withReconnect(ReconnectConfig newReconnect) {
    return new BrokerConfig(
        url, clientId, usernameEnv, passwordEnv, tls, keepAlive, newReconnect, maxInFlight);
  }

  /** The URL in the form Paho expects, with the default port filled in. */
  public String serverUri() {
    int port = url.getPort() > 0 ? url.getPort() : ("ssl".equals(url.getScheme()) ? 8883 : 1883);
    return url.getScheme() + "://" + url.getHost() + ":" + port;
  }

  private static void checkEnvName(String name) {
    if (name != null && !ENV_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
    }
  }
}
