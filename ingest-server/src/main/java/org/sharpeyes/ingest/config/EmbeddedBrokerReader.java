package org.sharpeyes.ingest.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.ingest.tls.PemIdentity;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSectionReader;
import org.sharpeyes.mqtt.BrokerSettings;

/**
 * Reads the server's {@code broker} section: its own {@code broker.embedded.*} (the in-process
 * broker) and {@code broker.mosquittoFiles} ({@link MosquittoFilesReader}), and around them the
 * keys every client of ours shares ({@link BrokerSectionReader}). With the embedded broker on,
 * {@code broker.url} is its address and may not be written; the server reads its secrets while
 * loading, so an unset variable is a problem here.
 */
final class EmbeddedBrokerReader {

  static final List<String> EMBEDDED_KEYS =
      List.of("enabled", "host", "port", "dataDir", "security", "tls");
  static final List<String> TLS_KEYS = List.of("host", "port", "certFile", "keyFile");

  private static final String TLS_HINT =
      "name the PEM files, e.g. tls: { certFile: tls/broker.crt, keyFile: tls/broker.key }";

  /**
   * Stands in for the embedded broker's address only while a problem at {@code broker.embedded} is
   * already recorded, so that the shared reader does not also ask for a {@code url}.
   */
  private static final URI UNUSABLE_EMBEDDED = URI.create("tcp://127.0.0.1:1883");

  /**
   * What the section gives: all of it ({@code mosquittoFiles} may be {@code null}: not set), or all
   * {@code null} after problems (recorded).
   */
  record Broker(
      BrokerSettings settings,
      EmbeddedBrokerConfig embedded,
      BrokerCredentials credentials,
      MosquittoFilesConfig mosquittoFiles) {}

  private final Map<String, String> env;

  EmbeddedBrokerReader(Map<String, String> env) {
    this.env = env;
  }

  Broker read(ConfigTree root, Path dataDir, URI urlOverride) {
    int before = root.problemCount();
    ConfigTree b = root.sectionOrEmpty("broker");
    ConfigTree e = b.sectionOrEmpty("embedded");
    e.allowKeys(EMBEDDED_KEYS);
    boolean urlInFile = b.has("url");
    Boolean enabled = e.bool("enabled", !urlInFile);
    if (urlOverride != null) {
      enabled = false;
    } else if (Boolean.TRUE.equals(enabled) && urlInFile) {
      b.problem(
          "url",
          "set while broker.embedded.enabled is true — remove broker.url to use the embedded"
              + " broker, or set broker.embedded.enabled: false");
    }
    String host = e.text("host");
    Integer port = e.port("port", EmbeddedBrokerConfig.DEFAULT_PORT);
    Path brokerDir = e.path("dataDir", null, dataDir.resolve("broker"));
    Boolean security = e.bool("security", true);
    int beforeTls = root.problemCount();
    EmbeddedBrokerConfig.Tls tls = e.has("tls") ? tls(e.section("tls")) : null;
    EmbeddedBrokerConfig embedded = null;
    URI embeddedUrl = null;
    if (enabled != null
        && port != null
        && brokerDir != null
        && security != null
        && root.problemCount() == beforeTls
        && (host != null || !e.has("host"))) {
      embedded =
          new EmbeddedBrokerConfig(
              enabled,
              host == null ? EmbeddedBrokerConfig.DEFAULT_HOST : host,
              port,
              brokerDir,
              security,
              tls);
      embeddedUrl = clientUrl(e, embedded);
    }
    URI derived = urlOverride;
    if (derived == null && Boolean.TRUE.equals(enabled)) {
      derived = embeddedUrl != null ? embeddedUrl : UNUSABLE_EMBEDDED;
    }
    BrokerSettings settings =
        BrokerSectionReader.read(
            b,
            IngestServerConfig.DEFAULT_BROKER_CLIENT_ID,
            derived,
            List.of("embedded", MosquittoFilesReader.KEY));
    if (settings != null && urlOverride != null) {
      settings = settings.withUrl(urlOverride);
    }
    if (settings != null) {
      for (ConfigProblem unset : BrokerCredentials.unset(settings, env, "broker")) {
        root.problem(unset.path(), unset.message());
      }
    }
    MosquittoFilesConfig mosquittoFiles =
        MosquittoFilesReader.read(b, Boolean.TRUE.equals(enabled), settings);
    if (root.problemCount() > before) {
      return new Broker(null, null, null, null);
    }
    return new Broker(
        settings, embedded, BrokerCredentials.resolve(settings, env, "broker"), mosquittoFiles);
  }

  /**
   * {@code broker.embedded.tls}, or {@code null} after problems (recorded). Its files are relative
   * to the config file and are read right away ({@link PemIdentity#read}), as {@code http.tls}'s,
   * so that {@code validate} names a missing file, one without a certificate or a key that is not
   * the certificate's at its key.
   */
  private static EmbeddedBrokerConfig.Tls tls(ConfigTree t) {
    if (t == null) {
      return null;
    }
    int before = t.problemCount();
    t.allowKeys(TLS_KEYS);
    String host = t.text("host");
    if (host != null && !usableHost(host)) {
      t.problem(
          "host",
          "'"
              + host
              + "' is not an IP address or host name — write e.g. 0.0.0.0 (every interface) or"
              + " the address edges reach; leave it out to use broker.embedded.host");
    }
    Integer port = t.port("port", EmbeddedBrokerConfig.DEFAULT_TLS_PORT);
    t.require("certFile", TLS_HINT);
    t.require("keyFile", TLS_HINT);
    Path cert = t.path("certFile", t.baseDir(), null);
    Path key = t.path("keyFile", t.baseDir(), null);
    if (t.problemCount() > before || port == null || cert == null || key == null) {
      return null;
    }
    EmbeddedBrokerConfig.Tls tls = new EmbeddedBrokerConfig.Tls(host, port, cert, key);
    try {
      PemIdentity.read(tls.certFile(), tls.keyFile());
    } catch (PemIdentity.PemProblem p) {
      t.problem(p.part().key(), p.getMessage());
      return null;
    }
    return tls;
  }

  private static boolean usableHost(String host) {
    try {
      return !host.isBlank() && URI.create("ssl://" + host + ":8883").getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The URL clients use for the embedded broker, or {@code null} after a problem at its host. */
  private static URI clientUrl(ConfigTree e, EmbeddedBrokerConfig embedded) {
    try {
      return embedded.clientUrl();
    } catch (IllegalArgumentException ex) {
      e.problem(
          "host",
          "'"
              + embedded.host()
              + "' is not an IP address or host name — write e.g. 127.0.0.1 (IPv6 in brackets:"
              + " [::1])");
      return null;
    }
  }
}
