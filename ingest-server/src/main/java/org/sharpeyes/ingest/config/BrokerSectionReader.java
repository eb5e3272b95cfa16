package org.sharpeyes.ingest.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code broker} section; see {@link BrokerConfig} for the meaning of each key. */
final class BrokerSectionReader {

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Map<String, String> env;

  BrokerSectionReader(Map<String, String> env) {
    this.env = env;
  }

  /** The broker config, or {@code null} after recording at least one error. */
  BrokerConfig read(
      ConfigSection s, Set<String> embeddedKeys, Path dataDir, ConfigOverrides overrides) {
    ConfigSection e = s.section("embedded", embeddedKeys);
    boolean urlInFile = s.has("url");
    boolean ok = true;
    boolean enabled = e.bool("enabled", !urlInFile);
    if (overrides.brokerUrl() != null) {
      enabled = false;
    } else if (enabled && urlInFile) {
      s.error(
          "url",
          "is set while broker.embedded.enabled is true",
          "remove broker.url to use the embedded broker, or set broker.embedded.enabled: false");
      ok = false;
    }
    EmbeddedBrokerConfig embedded =
        new EmbeddedBrokerConfig(
            enabled,
            e.string("host", EmbeddedBrokerConfig.DEFAULT_HOST),
            e.integer("port", EmbeddedBrokerConfig.DEFAULT_PORT, 0, 65535),
            e.path("dataDir", dataDir.resolve("broker")));
    URI embeddedUrl = embeddedUrl(e, embedded);
    ok &= embeddedUrl != null;
    URI url;
    if (overrides.brokerUrl() != null) {
      url = overrides.brokerUrl();
    } else if (enabled) {
      url = embeddedUrl;
    } else {
      url = readUrl(s);
      ok &= url != null;
    }
    String clientId = s.string("clientId", BrokerConfig.DEFAULT_CLIENT_ID);
    if (!CLIENT_ID.matcher(clientId).matches()) {
      s.error(
          "clientId",
          "'" + clientId + "' is not a usable MQTT client id",
          "use 1-64 letters, digits, '.', '_' or '-', unique per ingest-server instance");
      ok = false;
    }
    Credentials credentials = new CredentialReader(env).read(s);
    Duration keepAlive =
        s.duration(
            "keepAlive",
            BrokerConfig.DEFAULT_KEEP_ALIVE,
            Duration.ofSeconds(5),
            Duration.ofMinutes(30));
    Duration min =
        s.duration(
            "reconnectMin",
            BrokerConfig.DEFAULT_RECONNECT_MIN,
            Duration.ofMillis(10),
            Duration.ofMinutes(10));
    Duration max =
        s.duration(
            "reconnectMax",
            BrokerConfig.DEFAULT_RECONNECT_MAX,
            Duration.ofMillis(10),
            Duration.ofHours(1));
    if (min.compareTo(max) > 0) {
      s.error(
          "reconnectMin",
          "is longer than reconnectMax (" + ConfigSection.human(max) + ")",
          "make reconnectMin at most reconnectMax");
      ok = false;
    }
    if (!ok || credentials == null) {
      return null;
    }
    return new BrokerConfig(embedded, url, clientId, credentials, keepAlive, min, max);
  }

  /** The URL clients use for the embedded broker, or {@code null} after an error at its host. */
  private static URI embeddedUrl(ConfigSection e, EmbeddedBrokerConfig embedded) {
    String fix = "use an IP address or host name, e.g. 127.0.0.1 (IPv6 in brackets: [::1])";
    try {
      URI url = BrokerConfig.embeddedUrl(embedded);
      if (url.getHost() != null) {
        return url;
      }
    } catch (IllegalArgumentException ex) {
      // not a host a URL can hold: reported below
    }
    e.error("host", "'" + embedded.host() + "' is not an IP address or host name", fix);
    return null;
  }

  private static URI readUrl(ConfigSection s) {
    String text = s.string("url", null);
    String fix = "write tcp://host:1883 or ssl://host:8883";
    if (text == null) {
      s.error("url", "is required when broker.embedded.enabled is false", fix);
      return null;
    }
    try {
      URI uri = new URI(text);
      boolean schemeOk = "tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme());
      if (!schemeOk || uri.getHost() == null || uri.getPort() < 1) {
        s.error("url", "'" + text + "' is not an MQTT broker address", fix);
        return null;
      }
      return uri;
    } catch (URISyntaxException ex) {
      s.error("url", "'" + text + "' is not a valid URI: " + ex.getReason(), fix);
      return null;
    }
  }
}
