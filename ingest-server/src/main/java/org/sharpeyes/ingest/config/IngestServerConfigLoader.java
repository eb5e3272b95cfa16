package org.sharpeyes.ingest.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.ConfigYaml;
import org.sharpeyes.config.Quantities;
import org.sharpeyes.schema.codec.CodecLimits;

/**
 * Reads {@code ingest-server.yaml} into an {@link IngestServerConfig}, collecting every problem
 * with its path and fix. Unknown keys are problems. Secrets are read from the environment variables
 * the file names, never from the file, while loading: an unset one is a problem. Relative paths:
 * {@code referenceData}, {@code watchlist.photoDir}, {@code http.tls}'s, {@code
 * broker.embedded.tls}'s and {@code broker.mosquittoFiles}' files, {@code auth.seedUsers}, {@code
 * auth.keys.*} and {@code auth.oidc.jwksFile} are resolved against the config file's directory,
 * {@code dataDir}, {@code broker.embedded.dataDir} and {@code snapshots.dir} against the working
 * directory. The key reference is {@code docs/config.md}.
 */
public final class IngestServerConfigLoader {

  /** Largest config file accepted, and how deep it may nest. */
  public static final ConfigYaml.Limits LIMITS = ConfigYaml.Limits.DEFAULTS;

  private static final List<String> ROOT_KEYS =
      List.of(
          "dataDir",
          "http",
          "broker",
          "store",
          "ingest",
          "referenceData",
          "alerts",
          "watchlist",
          "snapshots",
          "rules",
          "audit",
          "auth",
          "workflow",
          "dashboard");
  private static final List<String> STORE_KEYS =
      List.of("jdbcUrl", "username", "usernameEnv", "passwordEnv", "poolSize");
  private static final List<String> INGEST_KEYS =
      List.of(
          "maxMessageBytes",
          "maxDepth",
          "workerQueue",
          "batchSize",
          "maxClockSkew",
          "maxEventAge",
          "maxSnapshotBytes",
          "snapshotCacheBytes",
          "maxEdges",
          "maxGapsPerEdge",
          "workers");
  private static final List<String> WATCHLIST_KEYS =
      List.of(
          "photoDir",
          "detectorModel",
          "minScore",
          "maxPhotoBytes",
          "maxPhotosPerPerson",
          "thresholds");
  private static final List<String> RISK_LEVELS = List.of("red", "orange", "yellow");

  private final Map<String, String> env;

  /**
   * @param env the environment secrets are read from ({@code System.getenv()} in production)
   */
  public IngestServerConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** A loader reading secrets from this process's environment. */
  public static IngestServerConfigLoader fromSystemEnv() {
    return new IngestServerConfigLoader(System.getenv());
  }

  /** Loads and validates a config file. */
  public ConfigResult<IngestServerConfig> load(Path file, ConfigOverrides overrides) {
    return ConfigYaml.read(file, LIMITS).then(root -> read(root, overrides));
  }

  /**
   * Validates config text; an empty text means every default.
   *
   * @param configDir directory {@code referenceData} is resolved against
   */
  public ConfigResult<IngestServerConfig> parse(
      String yamlText, Path configDir, ConfigOverrides overrides) {
    return ConfigYaml.parse(yamlText, configDir, LIMITS).then(root -> read(root, overrides));
  }

  private ConfigResult<IngestServerConfig> read(ConfigTree root, ConfigOverrides overrides) {
    root.allowKeys(ROOT_KEYS);
    Path given = root.path("dataDir", null, IngestServerConfig.DEFAULT_DATA_DIR);
    Path dataDir = overrides.dataDir() != null ? overrides.dataDir() : given;
    Path dir = dataDir == null ? IngestServerConfig.DEFAULT_DATA_DIR : dataDir;
    HttpConfig http = readHttp(root.sectionOrEmpty("http"), overrides);
    EmbeddedBrokerReader.Broker broker =
        new EmbeddedBrokerReader(env).read(root, dir, overrides.brokerUrl());
    StoreConfig store = readStore(root.sectionOrEmpty("store"), dir, overrides);
    IngestConfig ingest = readIngest(root.sectionOrEmpty("ingest"));
    Path referenceData = readReferenceData(root);
    AlertsConfig alerts = readAlerts(root.sectionOrEmpty("alerts"));
    WatchlistConfig watchlist = readWatchlist(root.sectionOrEmpty("watchlist"));
    SnapshotConfig snapshots = readSnapshots(root.sectionOrEmpty("snapshots"));
    AccessRulesConfig accessRules = AccessRulesReader.read(root.sectionOrEmpty("rules"));
    AuditConfig audit = readAudit(root.sectionOrEmpty("audit"));
    AuthConfig auth = AuthConfigReader.read(root.sectionOrEmpty("auth"));
    WorkflowConfig workflow = WorkflowReader.read(root.sectionOrEmpty("workflow"));
    DashboardConfig dashboard = readDashboard(root.sectionOrEmpty("dashboard"));
    return root.result(
        () ->
            new IngestServerConfig(
                dataDir,
                http,
                broker.settings(),
                broker.embedded(),
                broker.credentials(),
                broker.mosquittoFiles(),
                store,
                ingest,
                referenceData,
                alerts,
                watchlist,
                snapshots,
                accessRules,
                audit,
                auth,
                workflow,
                dashboard));
  }

  private static DashboardConfig readDashboard(ConfigTree d) {
    d.allowKeys(List.of("tiles"));
    if (!d.has("tiles")) {
      return DashboardConfig.defaults();
    }
    ConfigTree t = d.sectionOrEmpty("tiles");
    t.allowKeys(List.of("url", "attribution", "subdomains", "maxZoom"));
    String url = t.text("url", "the tile URL with {z}, {x} and {y}, e.g. a city's Tianditu WMTS");
    String attribution = t.has("attribution") ? t.text("attribution") : "";
    String subdomains = t.has("subdomains") ? t.text("subdomains") : "abc";
    Integer maxZoom = t.integer("maxZoom", 18, 1, 22);
    if (url != null) {
      boolean web = url.startsWith("http://") || url.startsWith("https://");
      if (!web || !url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}")) {
        t.problem(
            "url",
            "'"
                + url
                + "' is not an http(s) tile URL with {z}, {x} and {y} — e.g."
                + " https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                + "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
                + "&TILECOL={x}&tk=YOUR_KEY");
        url = null;
      }
    }
    return url == null || maxZoom == null
        ? DashboardConfig.defaults()
        : new DashboardConfig(new DashboardConfig.Tiles(url, attribution, subdomains, maxZoom));
  }

  private static HttpConfig readHttp(ConfigTree s, ConfigOverrides overrides) {
    int before = s.problemCount();
    s.allowKeys(List.of("host", "port", "workerThreads", "maxPendingRequests", "tls"));
    String host = s.has("host") ? s.text("host") : HttpConfig.DEFAULT_HOST;
    Integer port = s.port("port", HttpConfig.DEFAULT_PORT);
    Integer threads =
        s.integer(
            "workerThreads", HttpConfig.DEFAULT_WORKER_THREADS, 1, HttpConfig.MAX_WORKER_THREADS);
    Integer pending =
        s.integer(
            "maxPendingRequests",
            HttpConfig.DEFAULT_MAX_PENDING_REQUESTS,
            1,
            HttpConfig.MAX_PENDING_REQUESTS);
    if (threads != null && pending != null && pending < threads) {
      s.problem(
          "maxPendingRequests",
          pending
              + " is fewer than workerThreads ("
              + threads
              + "), so some workers would never run — raise it to at least "
              + threads);
    }
    HttpTlsConfig tls = s.has("tls") ? HttpTlsReader.read(s.section("tls")) : null;
    if (s.problemCount() > before) {
      return null;
    }
    return new HttpConfig(
        host, overrides.httpPort() != null ? overrides.httpPort() : port, threads, pending, tls);
  }

  private StoreConfig readStore(ConfigTree s, Path dataDir, ConfigOverrides overrides) {
    int before = s.problemCount();
    s.allowKeys(STORE_KEYS);
    String url =
        overrides.jdbcUrl() != null
            ? overrides.jdbcUrl()
            : s.has("jdbcUrl") ? s.text("jdbcUrl") : StoreConfig.h2FileUrl(dataDir);
    if (url != null && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      s.problem(
          "jdbcUrl",
          "unsupported database '"
              + url
              + "' — use jdbc:h2:file:./data/sharpeyes or jdbc:postgresql://host:5432/sharpeyes");
    } else if (url != null && url.startsWith("jdbc:h2:") && isImplicitlyRelativeH2(url)) {
      s.problem(
          "jdbcUrl",
          "H2 refuses a file path that is implicitly relative to the working directory — start"
              + " the path with ./ or / (e.g. jdbc:h2:file:./data/sharpeyes)");
    }
    Credentials credentials = new CredentialReader(env).read(s);
    Integer poolSize = s.integer("poolSize", StoreConfig.DEFAULT_POOL_SIZE, 1, 256);
    return s.problemCount() > before ? null : new StoreConfig(url, credentials, poolSize);
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

  private static IngestConfig readIngest(ConfigTree s) {
    int before = s.problemCount();
    s.allowKeys(INGEST_KEYS);
    Long maxBytes = s.size("maxMessageBytes", (long) CodecLimits.DEFAULT_MAX_BYTES, 512, 16L << 20);
    Integer maxDepth = s.integer("maxDepth", CodecLimits.DEFAULT_MAX_DEPTH, 4, 64);
    Integer queue = s.integer("workerQueue", IngestConfig.DEFAULT_WORKER_QUEUE, 1, 1_000_000);
    Integer batch = s.integer("batchSize", IngestConfig.DEFAULT_BATCH_SIZE, 1, 10_000);
    Duration skew =
        s.duration(
            "maxClockSkew", IngestConfig.DEFAULT_MAX_CLOCK_SKEW, Duration.ZERO, Duration.ofDays(1));
    Duration maxAge =
        s.duration(
            "maxEventAge",
            IngestConfig.DEFAULT_MAX_EVENT_AGE,
            Duration.ZERO,
            Duration.ofDays(3650));
    if (maxAge != null
        && !maxAge.isZero()
        && maxAge.compareTo(IngestConfig.MIN_MAX_EVENT_AGE) < 0) {
      s.problem(
          "maxEventAge",
          Quantities.format(maxAge)
              + " would dead-letter as too-old the events an edge buffered through a short outage"
              + " — write 0 (no limit) or at least "
              + Quantities.format(IngestConfig.MIN_MAX_EVENT_AGE));
    }
    Long maxSnapshot =
        s.size("maxSnapshotBytes", (long) IngestConfig.DEFAULT_MAX_SNAPSHOT_BYTES, 1024, 64L << 20);
    Long cache =
        s.size("snapshotCacheBytes", IngestConfig.DEFAULT_SNAPSHOT_CACHE_BYTES, 1024, 16L << 30);
    Integer maxEdges = s.integer("maxEdges", IngestConfig.DEFAULT_MAX_EDGES, 1, 1_000_000);
    Integer maxGaps =
        s.integer("maxGapsPerEdge", IngestConfig.DEFAULT_MAX_GAPS_PER_EDGE, 1, 10_000);
    Integer workers = s.integer("workers", 0, 0, IngestConfig.MAX_WORKERS);
    if (cache != null && maxSnapshot != null && cache < maxSnapshot) {
      s.problem(
          "snapshotCacheBytes",
          Quantities.formatSize(cache)
              + " is smaller than maxSnapshotBytes ("
              + Quantities.formatSize(maxSnapshot)
              + "), so no snapshot would fit — raise it to at least "
              + Quantities.formatSize(maxSnapshot));
    }
    if (s.problemCount() > before) {
      return null;
    }
    return new IngestConfig(
        maxBytes.intValue(),
        maxDepth,
        queue,
        batch,
        skew,
        maxAge,
        maxSnapshot.intValue(),
        cache,
        maxEdges,
        maxGaps,
        workers);
  }

  private static Path readReferenceData(ConfigTree root) {
    Path fallback = root.baseDir().resolve(IngestServerConfig.DEFAULT_REFERENCE_DATA).normalize();
    Path dir = root.path("referenceData", root.baseDir(), fallback);
    if (dir != null && !Files.isDirectory(dir)) {
      root.problem(
          "referenceData",
          "directory "
              + dir
              + " does not exist — point it (relative to the config file) at the directory"
              + " holding regions.csv, grids.geojson, devices.csv...");
    }
    return dir;
  }

  private static AlertsConfig readAlerts(ConfigTree s) {
    s.allowKeys(List.of("sseMaxClients", "sseQueuePerClient"));
    Integer clients = s.integer("sseMaxClients", AlertsConfig.DEFAULT_SSE_MAX_CLIENTS, 1, 10_000);
    Integer queue =
        s.integer("sseQueuePerClient", AlertsConfig.DEFAULT_SSE_QUEUE_PER_CLIENT, 1, 1_000_000);
    return clients == null || queue == null ? null : new AlertsConfig(clients, queue);
  }

  private static WatchlistConfig readWatchlist(ConfigTree s) {
    int before = s.problemCount();
    s.allowKeys(WATCHLIST_KEYS);
    WatchlistConfig d = WatchlistConfig.defaults();
    Path photoDir = s.path("photoDir", s.baseDir(), null);
    Path detector = s.path("detectorModel", null, d.detectorModel());
    Map<String, Double> thresholds = new HashMap<>(d.thresholds());
    ConfigTree t = s.sectionOrEmpty("thresholds");
    t.allowKeys(RISK_LEVELS);
    for (String level : RISK_LEVELS) {
      thresholds.put(level, t.decimal(level, d.thresholds().get(level), 0.01, 1.0));
    }
    Double minScore = s.decimal("minScore", d.minScore(), 0.05, 0.99);
    Long maxPhoto = s.size("maxPhotoBytes", d.maxPhotoBytes(), 1024, 64L << 20);
    Integer perPerson = s.integer("maxPhotosPerPerson", d.maxPhotosPerPerson(), 1, 10);
    if (s.problemCount() > before) {
      return null;
    }
    return new WatchlistConfig(photoDir, detector, minScore, maxPhoto, perPerson, thresholds);
  }

  private static SnapshotConfig readSnapshots(ConfigTree s) {
    int before = s.problemCount();
    s.allowKeys(List.of("dir", "maxBytes", "maxAge"));
    SnapshotConfig d = SnapshotConfig.defaults();
    Path dir = s.path("dir", null, null);
    Long maxBytes = s.size("maxBytes", d.maxBytes(), 1L << 20, Long.MAX_VALUE);
    Duration maxAge =
        s.duration("maxAge", d.maxAge(), Duration.ofMinutes(1), Duration.ofDays(3650));
    if (s.problemCount() > before) {
      return null;
    }
    return new SnapshotConfig(
        dir == null ? null : dir.toAbsolutePath().normalize(), maxBytes, maxAge);
  }

  private static AuditConfig readAudit(ConfigTree s) {
    s.allowKeys(List.of("retention"));
    Duration retention =
        s.duration(
            "retention",
            AuditConfig.DEFAULT_RETENTION,
            AuditConfig.MIN_RETENTION,
            AuditConfig.MAX_RETENTION);
    return retention == null ? null : new AuditConfig(retention);
  }
}
