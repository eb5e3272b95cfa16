package org.sharpeyes.mqtt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.Quantities;
import org.sharpeyes.runtime.Backoff;

/**
 * Reads the {@code broker} section into {@link BrokerSettings}: the same keys and rules in {@code
 * edge-agent.yaml} and {@code ingest-server.yaml} (the server's {@code broker.embedded} is read by
 * the server around this). Keys of former versions are refused with the key that replaced them.
 * Also reads a {@code reconnect} section wherever something reconnects (a camera, a gate).
 * Stateless.
 */
public final class BrokerSectionReader {

  /** The keys of the section, in the order {@code validate} lists them. */
  public static final List<String> KEYS =
      List.of(
          "url",
          "clientId",
          "keepAlive",
          "usernameEnv",
          "passwordEnv",
          "tls",
          "reconnect",
          "maxInFlight");

  /** Keys that former versions knew (on the edge or the server), with what to write instead. */
  public static final Map<String, String> RETIRED =
      Map.of(
          "publishQueueSize",
          "no longer supported — the queue is now the durable outbox: write its bound as"
              + " outbox.maxEvents (a top-level section beside broker)",
          "publishQueueBytes",
          "no longer supported — the queue is now the durable outbox: write its bound as"
              + " outbox.maxBytes (a top-level section beside broker)",
          "reconnectMin",
          "no longer supported — write reconnect.initialDelay instead, e.g. reconnect: {"
              + " initialDelay: 500ms, maxDelay: 30s }",
          "reconnectMax",
          "no longer supported — write reconnect.maxDelay instead, e.g. reconnect: {"
              + " initialDelay: 500ms, maxDelay: 30s }",
          "username",
          "no longer supported — write usernameEnv: the NAME of the environment variable that"
              + " holds the user name",
          "password",
          "secrets are never written in the file — write passwordEnv: the NAME of the"
              + " environment variable that holds the password");

  static final String URL_FIX = "e.g. tcp://127.0.0.1:1883";
  static final Duration MIN_DELAY = Duration.ofMillis(10);
  static final Duration MAX_INITIAL_DELAY = Duration.ofMinutes(10);
  static final Duration MAX_MAX_DELAY = Duration.ofHours(1);

  private BrokerSectionReader() {}

  /**
   * The settings of a {@code broker} section; {@code null} when it has problems (all recorded).
   *
   * @param defaultClientId the program's client id when the file gives none (the edge: its {@code
   *     edgeId}); {@code null} when that is unusable itself (reported where it comes from): the
   *     section then reads as {@code null} without a problem of its own
   * @param defaultUrl the broker when the file gives no {@code url} (the server's embedded one);
   *     {@code null}: {@code url} is required
   * @param ownKeys keys of the program's own in this section (the server's {@code embedded})
   */
  public static BrokerSettings read(
      ConfigTree broker, String defaultClientId, URI defaultUrl, Collection<String> ownKeys) {
    int before = broker.problemCount();
    List<String> keys = new ArrayList<>(KEYS);
    keys.addAll(ownKeys);
    broker.allowKeys(keys, RETIRED);
    URI url = url(broker, defaultUrl);
    String clientId = clientId(broker, defaultClientId);
    Duration keepAlive =
        broker.duration(
            "keepAlive",
            BrokerSettings.DEFAULT_KEEP_ALIVE,
            Duration.ofSeconds(BrokerSettings.MIN_KEEP_ALIVE_SECONDS),
            BrokerSettings.MAX_KEEP_ALIVE);
    String usernameEnv = broker.envName("usernameEnv");
    String passwordEnv = broker.envName("passwordEnv");
    if (broker.has("passwordEnv") && !broker.has("usernameEnv")) {
      broker.problem("passwordEnv", "set without usernameEnv — add usernameEnv as well");
    }
    BrokerSettings.Tls tls = tls(broker, url);
    Backoff.Bounds reconnect = reconnect(broker, Backoff.Bounds.DEFAULTS);
    Integer maxInFlight =
        broker.integer(
            "maxInFlight",
            BrokerSettings.DEFAULT_MAX_IN_FLIGHT,
            1,
            BrokerSettings.MAX_IN_FLIGHT_LIMIT);
    if (broker.problemCount() > before || clientId == null) {
      return null;
    }
    return new BrokerSettings(
        url,
        clientId,
        roundUpToSeconds(keepAlive),
        usernameEnv,
        passwordEnv,
        tls,
        reconnect,
        maxInFlight);
  }

  /**
   * The {@code reconnect} section of {@code parent}: {@code initialDelay} 10ms..10m, {@code
   * maxDelay} 10ms..1h and at least {@code initialDelay}; {@code fallback} when it is left out,
   * {@code null} when it has problems (recorded).
   */
  public static Backoff.Bounds reconnect(ConfigTree parent, Backoff.Bounds fallback) {
    ConfigTree r = parent.section("reconnect");
    if (r == null) {
      return parent.has("reconnect") ? null : fallback;
    }
    r.allowKeys(List.of("initialDelay", "maxDelay"));
    Duration initial =
        r.duration("initialDelay", fallback.initialDelay(), MIN_DELAY, MAX_INITIAL_DELAY);
    Duration max = r.duration("maxDelay", fallback.maxDelay(), MIN_DELAY, MAX_MAX_DELAY);
    if (initial == null || max == null) {
      return null;
    }
    if (max.compareTo(initial) < 0) {
      r.problem(
          "maxDelay",
          Quantities.format(max)
              + " is shorter than initialDelay ("
              + Quantities.format(initial)
              + ") — raise maxDelay or lower initialDelay");
      return null;
    }
    return new Backoff.Bounds(initial, max);
  }

  private static URI url(ConfigTree broker, URI defaultUrl) {
    if (!broker.has("url")) {
      if (defaultUrl == null) {
        broker.require("url", "write the broker address, e.g. url: tcp://127.0.0.1:1883");
      }
      return defaultUrl;
    }
    URI uri = broker.uri("url", URL_FIX, List.of("tcp", "ssl"));
    if (uri == null) {
      return null;
    }
    boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
    if (hasPath
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      broker.problem(
          "url",
          "'"
              + redacted(uri)
              + "' has a path, query or user — write only "
              + uri.getScheme()
              + "://host:port (credentials go in usernameEnv/passwordEnv)");
      return null;
    }
    return uri;
  }

  private static String clientId(ConfigTree broker, String defaultClientId) {
    String id = broker.text("clientId");
    if (id == null) {
      return broker.has("clientId") ? null : defaultClientId;
    }
    if (!BrokerSettings.CLIENT_ID.matcher(id).matches()) {
      broker.problem(
          "clientId", "'" + id + "' is not usable — 1..128 visible ASCII characters, no spaces");
      return null;
    }
    return id;
  }

  private static BrokerSettings.Tls tls(ConfigTree broker, URI url) {
    ConfigTree tls = broker.section("tls");
    if (tls == null) {
      return null;
    }
    if (url != null && !"ssl".equalsIgnoreCase(url.getScheme())) {
      broker.problem("tls", "only for ssl:// brokers — change url to ssl://… or remove tls");
    }
    tls.allowKeys(List.of("caFile"));
    if (!tls.require(
        "caFile", "the PEM file of the broker's CA, e.g. caFile: /etc/sharpeyes/ca.pem")) {
      return null;
    }
    Path caFile = tls.path("caFile", tls.baseDir(), null);
    if (caFile == null) {
      return null;
    }
    try {
      PemTrust.certificates(caFile);
    } catch (IllegalArgumentException e) {
      tls.problem("caFile", e.getMessage());
      return null;
    }
    return new BrokerSettings.Tls(caFile);
  }

  /** The URL without what may be a secret in it. */
  private static String redacted(URI uri) {
    return uri.getRawUserInfo() == null
        ? uri.toString()
        : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
  }

  private static Duration roundUpToSeconds(Duration d) {
    return Duration.ofSeconds((d.toMillis() + 999) / 1000);
  }
}
