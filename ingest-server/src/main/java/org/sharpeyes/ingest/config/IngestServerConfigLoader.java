package org.sharpeyes.ingest.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharpeyes.schema.codec.CodecLimits;

/**
 * Reads {@code ingest-server.yaml} into an {@link IngestServerConfig}, collecting every error with
 * its path and fix. Unknown keys are errors. Secrets are read from the environment variables the
 * file names, never from the file. Relative paths: {@code referenceData} is resolved against the
 * config file's directory, {@code dataDir} and {@code broker.embedded.dataDir} against the working
 * directory. The key reference is {@code docs/config.md}.
 */
public final class IngestServerConfigLoader {

  private static final Set<String> ROOT_KEYS =
      Set.of(
          "dataDir",
          "http",
          "broker",
          "store",
          "ingest",
          "referenceData",
          "alerts",
          "watchlist",
          "snapshots",
          "rules");
  private static final Set<String> HTTP_KEYS = Set.of("host", "port");
  private static final Set<String> BROKER_KEYS =
      Set.of(
          "embedded",
          "url",
          "clientId",
          "username",
          "usernameEnv",
          "passwordEnv",
          "keepAlive",
          "reconnectMin",
          "reconnectMax");
  private static final Set<String> EMBEDDED_KEYS = Set.of("enabled", "host", "port", "dataDir");
  private static final Set<String> STORE_KEYS =
      Set.of("jdbcUrl", "username", "usernameEnv", "passwordEnv", "poolSize");
  private static final Set<String> INGEST_KEYS =
      Set.of(
          "maxMessageBytes",
          "maxDepth",
          "workerQueue",
          "batchSize",
          "maxClockSkew",
          "maxEventAge",
          "maxSnapshotBytes",
          "snapshotCacheBytes",
          "maxEdges",
          "maxGapsPerEdge");
  private static final Set<String> ALERTS_KEYS = Set.of("sseMaxClients", "sseQueuePerClient");
  private static final Set<String> WATCHLIST_KEYS =
      Set.of(
          "photoDir",
          "detectorModel",
          "minScore",
          "maxPhotoBytes",
          "maxPhotosPerPerson",
          "thresholds");
  private static final Set<String> RISK_LEVELS = Set.of("red", "orange", "yellow");
  private static final Set<String> SNAPSHOT_KEYS = Set.of("dir", "maxBytes", "maxAge");
  private static final Set<String> RULES_KEYS =
      Set.of("accessDeniedBurst", "doorHeld", "offHoursAccess");

  private final Map<String, String> env;
  private final YAMLMapper yaml;

  /**
   * @param env the environment secrets are read from ({@code System.getenv()} in production)
   */
  public IngestServerConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.yaml = new YAMLMapper();
    yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** A loader reading secrets from this process's environment. */
  public static IngestServerConfigLoader fromSystemEnv() {
    return new IngestServerConfigLoader(System.getenv());
  }

  /** Loads and validates a config file. */
  public ConfigResult load(Path file, ConfigOverrides overrides) {
    Path absolute = file.toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(absolute, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return invalid(
          "$", "cannot read " + absolute + " (" + e.getMessage() + ")", "check the --config path");
    }
    return parse(text, absolute.getParent(), overrides);
  }

  /**
   * Validates config text.
   *
   * @param configDir directory {@code referenceData} is resolved against
   */
  public ConfigResult parse(String yamlText, Path configDir, ConfigOverrides overrides) {
    JsonNode tree;
    try {
      tree = yaml.readTree(yamlText);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      return invalid("$", "not valid YAML at " + where + ": " + e.getOriginalMessage(), "");
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = yaml.createObjectNode(); // an empty file means all defaults
    }
    if (!tree.isObject()) {
      return invalid("$", "expected a mapping of keys at the top", "start with e.g. 'http:'");
    }
    List<ConfigError> errors = new ArrayList<>();
    ConfigSection root = ConfigSection.root(tree, errors, ROOT_KEYS);
    Path dataDir =
        overrides.dataDir() != null
            ? overrides.dataDir()
            : root.path("dataDir", IngestServerConfig.DEFAULT_DATA_DIR);
    HttpConfig http = readHttp(root.section("http", HTTP_KEYS), overrides);
    BrokerConfig broker =
        new BrokerSectionReader(env)
            .read(root.section("broker", BROKER_KEYS), EMBEDDED_KEYS, dataDir, overrides);
    StoreConfig store = readStore(root.section("store", STORE_KEYS), dataDir, overrides);
    IngestConfig ingest = readIngest(root.section("ingest", INGEST_KEYS));
    Path referenceData = readReferenceData(root, configDir);
    AlertsConfig alerts = readAlerts(root.section("alerts", ALERTS_KEYS));
    WatchlistConfig watchlist = readWatchlist(root.section("watchlist", WATCHLIST_KEYS), configDir);
    SnapshotConfig snapshots = readSnapshots(root.section("snapshots", SNAPSHOT_KEYS), dataDir);
    AccessRulesConfig accessRules = AccessRulesReader.read(root.section("rules", RULES_KEYS));
    if (!errors.isEmpty() || broker == null || store == null || ingest == null) {
      return new ConfigResult.Invalid(errors);
    }
    return new ConfigResult.Valid(
        new IngestServerConfig(
            dataDir,
            http,
            broker,
            store,
            ingest,
            referenceData,
            alerts,
            watchlist,
            snapshots,
            accessRules));
  }

  private static HttpConfig readHttp(ConfigSection s, ConfigOverrides overrides) {
    String host = s.string("host", HttpConfig.DEFAULT_HOST);
    int port = s.integer("port", HttpConfig.DEFAULT_PORT, 0, 65535);
    return new HttpConfig(host, overrides.httpPort() != null ? overrides.httpPort() : port);
  }

  private StoreConfig readStore(ConfigSection s, Path dataDir, ConfigOverrides overrides) {
    String url =
        overrides.jdbcUrl() != null
            ? overrides.jdbcUrl()
            : s.string("jdbcUrl", StoreConfig.h2FileUrl(dataDir));
    boolean ok = true;
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      s.error(
          "jdbcUrl",
          "unsupported database '" + url + "'",
          "use jdbc:h2:file:./data/sharpeyes or jdbc:postgresql://host:5432/sharpeyes");
      ok = false;
    } else if (url.startsWith("jdbc:h2:") && isImplicitlyRelativeH2(url)) {
      s.error(
          "jdbcUrl",
          "H2 refuses a file path that is implicitly relative to the working directory",
          "start the path with ./ or / (e.g. jdbc:h2:file:./data/sharpeyes)");
      ok = false;
    }
    Credentials credentials = new CredentialReader(env).read(s);
    int poolSize = s.integer("poolSize", StoreConfig.DEFAULT_POOL_SIZE, 1, 256);
    return ok && credentials != null ? new StoreConfig(url, credentials, poolSize) : null;
  }

  private static boolean isImplicitlyRelativeH2(String url) {
    String rest = url.substring("jdbc:h2:".length());
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    } else if (rest.matches("^(mem|tcp|ssl|zip|nio[a-zA-Z]*|split|async|memFS|memLZF):.*")) {
      return false;
    }
    String path = rest.split(";", 2)[0];
    return !(path.startsWith("/")
        || path.startsWith("./")
        || path.startsWith("../")
        || path.startsWith("~")
        || path.matches("^[A-Za-z]:.*"));
  }

  private static IngestConfig readIngest(ConfigSection s) {
    long maxBytes = s.bytes("maxMessageBytes", CodecLimits.DEFAULT_MAX_BYTES, 512, 16L << 20);
    int maxDepth = s.integer("maxDepth", CodecLimits.DEFAULT_MAX_DEPTH, 4, 64);
    int queue = s.integer("workerQueue", IngestConfig.DEFAULT_WORKER_QUEUE, 1, 1_000_000);
    int batch = s.integer("batchSize", IngestConfig.DEFAULT_BATCH_SIZE, 1, 10_000);
    Duration skew =
        s.duration(
            "maxClockSkew", IngestConfig.DEFAULT_MAX_CLOCK_SKEW, Duration.ZERO, Duration.ofDays(1));
    Duration maxAge =
        s.duration(
            "maxEventAge",
            IngestConfig.DEFAULT_MAX_EVENT_AGE,
            Duration.ZERO,
            Duration.ofDays(3650));
    if (!maxAge.isZero() && maxAge.compareTo(IngestConfig.MIN_MAX_EVENT_AGE) < 0) {
      s.error(
          "maxEventAge",
          "is "
              + ConfigSection.human(maxAge)
              + ": events an edge buffered through a short outage would be dead-lettered as"
              + " too-old",
          "use 0 (no limit) or at least " + ConfigSection.human(IngestConfig.MIN_MAX_EVENT_AGE));
      maxAge = IngestConfig.DEFAULT_MAX_EVENT_AGE;
    }
    long maxSnapshot =
        s.bytes("maxSnapshotBytes", IngestConfig.DEFAULT_MAX_SNAPSHOT_BYTES, 1024, 64L << 20);
    long cache =
        s.bytes("snapshotCacheBytes", IngestConfig.DEFAULT_SNAPSHOT_CACHE_BYTES, 1024, 16L << 30);
    int maxEdges = s.integer("maxEdges", IngestConfig.DEFAULT_MAX_EDGES, 1, 1_000_000);
    int maxGaps = s.integer("maxGapsPerEdge", IngestConfig.DEFAULT_MAX_GAPS_PER_EDGE, 1, 10_000);
    if (cache < maxSnapshot) {
      s.error(
          "snapshotCacheBytes",
          "is smaller than maxSnapshotBytes (" + maxSnapshot + "), so no snapshot would fit",
          "raise it to at least " + maxSnapshot);
      return null;
    }
    return new IngestConfig(
        (int) maxBytes,
        maxDepth,
        queue,
        batch,
        skew,
        maxAge,
        (int) maxSnapshot,
        cache,
        maxEdges,
        maxGaps);
  }

  private static Path readReferenceData(ConfigSection root, Path configDir) {
    Path dir =
        configDir
            .resolve(root.path("referenceData", IngestServerConfig.DEFAULT_REFERENCE_DATA))
            .normalize();
    if (!Files.isDirectory(dir)) {
      root.error(
          "referenceData",
          "directory " + dir + " does not exist",
          "point it (relative to the config file) at the directory holding regions.csv,"
              + " grids.geojson, devices.csv...");
    }
    return dir;
  }

  private static AlertsConfig readAlerts(ConfigSection s) {
    return new AlertsConfig(
        s.integer("sseMaxClients", AlertsConfig.DEFAULT_SSE_MAX_CLIENTS, 1, 10_000),
        s.integer("sseQueuePerClient", AlertsConfig.DEFAULT_SSE_QUEUE_PER_CLIENT, 1, 1_000_000));
  }

  private static WatchlistConfig readWatchlist(ConfigSection s, Path configDir) {
    WatchlistConfig d = WatchlistConfig.defaults();
    Path given = s.path("photoDir", null);
    Path photoDir = given == null ? null : configDir.resolve(given).normalize();
    Path detector = s.path("detectorModel", d.detectorModel());
    Map<String, Double> thresholds = new java.util.HashMap<>(d.thresholds());
    ConfigSection t = s.section("thresholds", RISK_LEVELS);
    for (String level : RISK_LEVELS) {
      thresholds.put(level, t.decimal(level, d.thresholds().get(level), 0.01, 1.0));
    }
    return new WatchlistConfig(
        photoDir,
        detector.startsWith("~")
            ? Path.of(System.getProperty("user.home")).resolve(detector.toString().substring(2))
            : detector,
        s.decimal("minScore", d.minScore(), 0.05, 0.99),
        s.bytes("maxPhotoBytes", d.maxPhotoBytes(), 1024, 64L * 1024 * 1024),
        s.integer("maxPhotosPerPerson", d.maxPhotosPerPerson(), 1, 10),
        thresholds);
  }

  private static SnapshotConfig readSnapshots(ConfigSection s, Path dataDir) {
    SnapshotConfig d = SnapshotConfig.defaults();
    Path given = s.path("dir", null);
    Path dir = given == null ? null : given.toAbsolutePath().normalize();
    return new SnapshotConfig(
        dir,
        s.bytes("maxBytes", d.maxBytes(), 1024 * 1024, Long.MAX_VALUE),
        s.duration("maxAge", d.maxAge(), Duration.ofMinutes(1), Duration.ofDays(3650)));
  }

  private static ConfigResult invalid(String path, String problem, String fix) {
    return new ConfigResult.Invalid(List.of(new ConfigError(path, problem, fix)));
  }
}
