package org.sharpeyes.mqtt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.sharpeyes.runtime.Backoff;

/**
 * How a client of ours reaches its MQTT broker: the {@code broker} section, with the same keys and
 * rules on the edge and on the server. Read from a file with {@link BrokerSectionReader}, or built
 * in code with {@link #defaults} and the {@code withX} methods. Secrets are never held here: only
 * the names of the environment variables that hold them ({@link BrokerCredentials} reads them).
 *
 * @param url {@code tcp://host[:port]} or {@code ssl://host[:port]} (ports default to 1883 and
 *     8883), nothing else: no path, query or user
 * @param clientId MQTT client id: 1..128 visible ASCII characters, no spaces
 * @param keepAlive MQTT keep-alive, whole seconds, {@value #MIN_KEEP_ALIVE_SECONDS}s..1h
 * @param usernameEnv name of the environment variable holding the user name, or {@code null}
 * @param passwordEnv name of the one holding the password, or {@code null}; needs {@code
 *     usernameEnv}
 * @param tls the CA to verify an {@code ssl://} broker against; {@code null}: the JVM's trusted CAs
 *     (and always {@code null} for {@code tcp://})
 * @param reconnect delays between connection attempts ({@link Backoff})
 * @param maxInFlight messages published and not yet acknowledged (PUBACK) at once, 1..65535
 */
public record BrokerSettings(
    URI url,
    String clientId,
    Duration keepAlive,
    String usernameEnv,
    String passwordEnv,
    Tls tls,
    Backoff.Bounds reconnect,
    int maxInFlight) {

  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final long MIN_KEEP_ALIVE_SECONDS = 1;
  public static final Duration MAX_KEEP_ALIVE = Duration.ofHours(1);
  public static final int DEFAULT_MAX_IN_FLIGHT = 100;
  public static final int MAX_IN_FLIGHT_LIMIT = 65_535;

  /** A client id: 1..128 visible ASCII characters (no spaces, no control characters). */
  public static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

  /** What an environment variable name may look like. */
  public static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /**
   * Trust for an {@code ssl://} broker.
   *
   * @param caFile PEM file with the certificate(s) of the authority that signed the broker's
   */
  public record Tls(Path caFile) {
    public Tls {
      Objects.requireNonNull(caFile, "caFile");
    }
  }

  public BrokerSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(reconnect, "reconnect");
    String scheme = scheme(url);
    if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
      throw new IllegalArgumentException("broker url " + url + " must start with tcp:// or ssl://");
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("broker url " + url + " has no host");
    }
    if (tls != null && !scheme.equals("ssl")) {
      throw new IllegalArgumentException("tls settings are only for ssl:// (url " + url + ")");
    }
    if (!CLIENT_ID.matcher(clientId).matches()) {
      throw new IllegalArgumentException(
          "clientId '" + clientId + "' must be 1..128 visible ASCII characters, no spaces");
    }
    if (keepAlive.toSeconds() < MIN_KEEP_ALIVE_SECONDS
        || keepAlive.compareTo(MAX_KEEP_ALIVE) > 0
        || keepAlive.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "keepAlive must be whole seconds, 1s..1h, was " + keepAlive);
    }
    if (passwordEnv != null && usernameEnv == null) {
      throw new IllegalArgumentException("passwordEnv needs usernameEnv");
    }
    checkEnvName(usernameEnv);
    checkEnvName(passwordEnv);
    if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
      throw new IllegalArgumentException("maxInFlight must be 1..65535, was " + maxInFlight);
    }
  }

  /** Every default, for a broker at {@code url} (without TLS settings, without credentials). */
  public static BrokerSettings defaults(String url, String clientId) {
    return defaults(URI.create(url), clientId);
  }

  /** Every default, for a broker at {@code url} (without TLS settings, without credentials). */
  public static BrokerSettings defaults(URI url, String clientId) {
    return new BrokerSettings(
        url,
        clientId,
        DEFAULT_KEEP_ALIVE,
        null,
        null,
        null,
        Backoff.Bounds.DEFAULTS,
        DEFAULT_MAX_IN_FLIGHT);
  }

  /** A copy pointing at another broker; TLS settings are kept only for another {@code ssl://}. */
  public BrokerSettings withUrl(String newUrl) {
    return withUrl(URI.create(newUrl));
  }

  /** A copy pointing at another broker; TLS settings are kept only for another {@code ssl://}. */
  public BrokerSettings withUrl(URI newUrl) {
    Tls keptTls = scheme(newUrl).equals("ssl") ? tls : null;
    return new BrokerSettings(
        newUrl, clientId, keepAlive, usernameEnv, passwordEnv, keptTls, reconnect, maxInFlight);
  }

  public BrokerSettings withClientId(String newClientId) {
    return new BrokerSettings(
        url, newClientId, keepAlive, usernameEnv, passwordEnv, tls, reconnect, maxInFlight);
  }

  /** A copy reading its credentials from other environment variables ({@code null}: none). */
  public BrokerSettings withCredentials(String newUsernameEnv, String newPasswordEnv) {
    return new BrokerSettings(
        url, clientId, keepAlive, newUsernameEnv, newPasswordEnv, tls, reconnect, maxInFlight);
  }

  public BrokerSettings withReconnect(Backoff.Bounds newReconnect) {
    return new BrokerSettings(
        url, clientId, keepAlive, usernameEnv, passwordEnv, tls, newReconnect, maxInFlight);
  }

  public BrokerSettings withMaxInFlight(int newMaxInFlight) {
    return new BrokerSettings(
        url, clientId, keepAlive, usernameEnv, passwordEnv, tls, reconnect, newMaxInFlight);
  }

  /** The URL in the form Paho expects: lower-case scheme, the default port filled in. */
  public String serverUri() {
    String scheme = scheme(url);
    int port = url.getPort() > 0 ? url.getPort() : scheme.equals("ssl") ? 8883 : 1883;
    return scheme + "://" + url.getHost() + ":" + port;
  }

  private static String scheme(URI url) {
    return url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
  }

  private static void checkEnvName(String name) {
    if (name != null && !ENV_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
    }
  }
}
