package org.sharpeyes.edge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sharpeyes.edge.publish.BrokerConfig;
import org.sharpeyes.edge.publish.PemTrust;
import org.sharpeyes.edge.publish.ReconnectConfig;
import org.sharpeyes.edge.publish.TlsConfig;

/** Reads the {@code broker} section. */
final class BrokerSectionReader {

  static final List<String> KEYS =
      List.of(
          "url",
          "clientId",
          "usernameEnv",
          "passwordEnv",
          "tls",
          "keepAlive",
          "reconnect",
          "maxInFlight");

  /** Keys of the in-memory publish queue, replaced by the durable outbox. */
  static final Map<String, String> RETIRED =
      Map.of(
          "publishQueueSize",
          "the queue is now the durable outbox: write its bound as outbox.maxEvents (a top-level"
              + " section beside broker)",
          "publishQueueBytes",
          "the queue is now the durable outbox: write its bound as outbox.maxBytes (a top-level"
              + " section beside broker)");

  private BrokerSectionReader() {}

  /** The broker settings, or {@code null} when the section has problems (all reported). */
  static BrokerConfig read(ConfigNode broker, String edgeId, Path baseDir) {
    int before = broker.problemCount();
    broker.allowKeys(KEYS, RETIRED);
    URI url = url(broker);
    String clientId = clientId(broker, edgeId);
    String usernameEnv = envName(broker, "usernameEnv");
    String passwordEnv = envName(broker, "passwordEnv");
    if (passwordEnv != null && !broker.has("usernameEnv")) {
      broker.problem("passwordEnv", "set without usernameEnv — add usernameEnv as well");
    }
    TlsConfig tls = tls(broker, url, baseDir);
    Duration keepAlive =
        broker.duration(
            "keepAlive",
            BrokerConfig.DEFAULT_KEEP_ALIVE,
            Duration.ofSeconds(1),
            Duration.ofHours(1));
    ReconnectConfig reconnect = reconnect(broker);
    Integer maxInFlight =
        broker.integer("maxInFlight", 1, 65_535, BrokerConfig.DEFAULT_MAX_IN_FLIGHT);
    // No clientId without a problem here means it defaults to an edgeId that is missing or
    // unusable, which is reported at edgeId.
    if (broker.problemCount() > before || clientId == null) {
      return null;
    }
    return new BrokerConfig(
        url,
        clientId,
        usernameEnv,
        passwordEnv,
        tls,
        roundUpToSeconds(keepAlive),
        reconnect,
        maxInFlight);
  }

  private static URI url(ConfigNode broker) {
    String text = broker.text("url", "write the broker address, e.g. url: tcp://127.0.0.1:1883");
    if (text == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      broker.problem(
          "url", "'" + text + "' is not a URL — expected tcp://host:port or ssl://host:port");
      return null;
    }
    String scheme = uri.getScheme();
    if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
      broker.problem(
          "url", "'" + text + "' must start with tcp:// or ssl:// — e.g. tcp://127.0.0.1:1883");
      return null;
    }
    if (uri.getHost() == null) {
      broker.problem("url", "'" + text + "' has no host — expected " + scheme + "://host:port");
      return null;
    }
    if (uri.getPort() > 65_535) {
      broker.problem("url", "port " + uri.getPort() + " is out of range — expected 1..65535");
      return null;
    }
    boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
    if (hasPath || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
      broker.problem(
          "url",
          "'"
              + text
              + "' has a path, query or user — expected only "
              + scheme
              + "://host:port (credentials go in usernameEnv/passwordEnv)");
      return null;
    }
    return uri;
  }

  private static String clientId(ConfigNode broker, String edgeId) {
    String id = broker.text("clientId", null);
    if (id == null) {
      return edgeId;
    }
    if (id.isEmpty() || id.length() > 128 || !id.codePoints().allMatch(c -> c > 0x20 && c < 0x7f)) {
      broker.problem(
          "clientId", "'" + id + "' is not usable — 1..128 visible ASCII characters, no spaces");
      return null;
    }
    return id;
  }

  static String envName(ConfigNode broker, String key) {
    String name = broker.text(key, null);
    if (name != null && !BrokerConfig.ENV_NAME.matcher(name).matches()) {
      broker.problem(
          key,
          "'"
              + name
              + "' is not an environment variable name — write the NAME of the variable that"
              + " holds the secret (e.g. SHARPEYES_MQTT_PASSWORD), never the secret itself");
      return null;
    }
    return name;
  }

  private static TlsConfig tls(ConfigNode broker, URI url, Path baseDir) {
    ConfigNode tls = broker.section("tls", null);
    boolean ssl = url != null && "ssl".equals(url.getScheme());
    if (tls == null) {
      if (ssl) {
        broker.problem("tls", "missing — an ssl:// broker needs tls: { caFile: /path/to/ca.pem }");
      }
      return null;
    }
    if (url != null && !ssl) {
      broker.problem("tls", "only for ssl:// brokers — change url to ssl://… or remove tls");
    }
    tls.allowKeys(List.of("caFile"));
    String caFile =
        tls.text("caFile", "the PEM file of the broker's CA, e.g. caFile: /etc/sharpeyes/ca.pem");
    if (caFile == null) {
      return null;
    }
    Path path;
    try {
      path = baseDir.resolve(caFile).normalize(); // InvalidPathException: e.g. a NUL character
      PemTrust.certificates(path);
    } catch (IllegalArgumentException e) {
      tls.problem("caFile", e.getMessage());
      return null;
    }
    return new TlsConfig(path);
  }

  static ReconnectConfig reconnect(ConfigNode broker) {
    ConfigNode r = broker.section("reconnect", null);
    if (r == null) {
      return ReconnectConfig.DEFAULTS;
    }
    r.allowKeys(List.of("initialDelay", "maxDelay"));
    Duration initial =
        r.duration(
            "initialDelay",
            ReconnectConfig.DEFAULT_INITIAL_DELAY,
            Duration.ofMillis(10),
            Duration.ofMinutes(10));
    Duration max =
        r.duration(
            "maxDelay",
            ReconnectConfig.DEFAULT_MAX_DELAY,
            Duration.ofMillis(10),
            Duration.ofHours(1));
    if (initial == null || max == null) {
      return null;
    }
    if (max.compareTo(initial) < 0) {
      r.problem(
          "maxDelay",
          DurationText.format(max)
              + " is shorter than initialDelay ("
              + DurationText.format(initial)
              + ") — raise maxDelay or lower initialDelay");
      return null;
    }
    return new ReconnectConfig(initial, max);
  }

  private static Duration roundUpToSeconds(Duration d) {
    long seconds = (d.toMillis() + 999) / 1000;
    return Duration.ofSeconds(seconds);
  }
}
