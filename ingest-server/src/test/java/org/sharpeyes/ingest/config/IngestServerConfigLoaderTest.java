package org.sharpeyes.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.mqtt.BrokerSettings;

class IngestServerConfigLoaderTest {

  @TempDir Path configDir;

  private final IngestServerConfigLoader loader =
      new IngestServerConfigLoader(Map.of("DB_PASSWORD", "s3cret", "MQTT_USER", "ingest"));

  private ConfigResult<IngestServerConfig> parse(String yaml) {
    return loader.parse(yaml, configDir, ConfigOverrides.NONE);
  }

  private List<String> errorsOf(String yaml) {
    ConfigResult<IngestServerConfig> result = parse(yaml);
    assertThat(result).isInstanceOf(ConfigResult.Failure.class);
    return result.problems().stream().map(ConfigProblem::toString).toList();
  }

  private void withReferenceDir() throws Exception {
    Files.createDirectories(configDir.resolve("demo-city"));
  }

  @Test
  void shippedDemoConfigIsValid() {
    Path shipped = Path.of("../config/ingest-server.yaml");
    ConfigResult<IngestServerConfig> result =
        new IngestServerConfigLoader(Map.of()).load(shipped, ConfigOverrides.NONE);

    IngestServerConfig config = result.orThrow();
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.embeddedBroker().enabled()).isTrue();
    assertThat(config.broker().url()).isEqualTo(URI.create("tcp://127.0.0.1:11883"));
    assertThat(config.store().jdbcUrl()).startsWith("jdbc:h2:file:").contains("/data/sharpeyes");
    assertThat(config.referenceData()).isDirectory().endsWith(Path.of("config", "demo-city"));
  }

  @Test
  void accessRulesWatchlistAndSnapshotsAreReadWithTheirUnits() throws Exception {
    withReferenceDir();
    IngestServerConfig config =
        parse(
                """
                rules:
                  accessDeniedBurst: { count: 3, within: 90s }
                  doorHeld: { longerThan: 2m }
                  offHoursAccess: { allowed: "22:00-06:00", zone: Asia/Urumqi, doors: ["43070200001340000001"] }
                  plateHotlist: { fuzzySeverityStep: 2, lowConfidenceBelow: 0.5 }
                watchlist:
                  maxPhotosPerPerson: 3
                  thresholds: { red: 0.5 }
                snapshots: { maxBytes: 2GiB, maxAge: 7d }
                """)
            .orThrow();

    AccessRulesConfig rules = config.accessRules();
    assertThat(rules.deniedCount()).isEqualTo(3);
    assertThat(rules.deniedWithin()).isEqualTo(java.time.Duration.ofSeconds(90));
    assertThat(rules.heldLongerThan()).isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(rules.allowedAt(java.time.LocalTime.of(23, 0))).isTrue();
    assertThat(rules.allowedAt(java.time.LocalTime.of(12, 0))).isFalse();
    assertThat(rules.zone()).isEqualTo(java.time.ZoneId.of("Asia/Urumqi"));
    assertThat(rules.offHoursDoors()).containsExactly("43070200001340000001");
    assertThat(rules.plateHotlist()).isEqualTo(new PlateHotlistConfig(2, 0.5));
    assertThat(config.watchlist().maxPhotosPerPerson()).isEqualTo(3);
    assertThat(config.watchlist().thresholds())
        .containsEntry("red", 0.5)
        .containsEntry("orange", 0.60);
    assertThat(config.snapshots().maxBytes()).isEqualTo(2L << 30);
    assertThat(config.snapshots().maxAge()).isEqualTo(java.time.Duration.ofDays(7));
  }

  @Test
  void badRulesAreReportedWithTheirPaths() throws Exception {
    withReferenceDir();
    List<String> errors =
        errorsOf(
            """
            rules:
              accessDeniedBurst: { count: 1 }
              offHoursAccess: { allowed: "6am to 10pm", zone: Mars/Olympus, doors: [gate-1] }
              doorHold: { longerThan: 1m }
              plateHotlist: { fuzzySeverityStep: 4, lowConfidenceBelow: 1.5, fuzzy: true }
            watchlist:
              thresholds: { red: 1.5 }
            """);

    assertThat(errors)
        .anySatisfy(e -> assertThat(e).startsWith("rules.accessDeniedBurst.count"))
        .anySatisfy(
            e -> assertThat(e).startsWith("rules.offHoursAccess.allowed").contains("06:00-22:00"))
        .anySatisfy(e -> assertThat(e).startsWith("rules.offHoursAccess.zone"))
        .anySatisfy(e -> assertThat(e).startsWith("rules.offHoursAccess.doors[0]"))
        .anySatisfy(e -> assertThat(e).startsWith("rules.doorHold").contains("doorHeld"))
        .anySatisfy(e -> assertThat(e).startsWith("watchlist.thresholds.red"))
        .anySatisfy(e -> assertThat(e).startsWith("rules.plateHotlist.fuzzySeverityStep"))
        .anySatisfy(e -> assertThat(e).startsWith("rules.plateHotlist.lowConfidenceBelow"))
        .anySatisfy(e -> assertThat(e).startsWith("rules.plateHotlist.fuzzy"));
  }

  @Test
  void emptyFileMeansDefaults() throws Exception {
    withReferenceDir();
    IngestServerConfig config = parse("").orThrow();

    assertThat(config.http().port()).isEqualTo(HttpConfig.DEFAULT_PORT);
    assertThat(config.ingest()).isEqualTo(IngestConfig.defaults());
    assertThat(config.embeddedBroker().dataDir())
        .isEqualTo(Path.of("data", "broker").toAbsolutePath());
    assertThat(config.broker().clientId()).isEqualTo("ingest-server-1");
  }

  @Test
  void everyErrorIsReportedWithItsPathAndFix() throws Exception {
    withReferenceDir();
    List<String> errors =
        errorsOf(
            """
            http:
              port: 70000
            broker:
              embedded:
                port: eighteen
              keepAlive: forever
              clientId: "ingest server/1"
            store:
              jdbcUrl: jdbc:mysql://db/sharpeyes
              poolSize: 0
            ingest:
              maxClockSkew: 2d
              workerQueue: -1
            alerts:
              sseMaxClients: 0
            """);

    assertThat(errors)
        .containsExactlyInAnyOrder(
            "http.port: 70000 is out of range — expected 0..65535",
            "broker.embedded.port: expected a whole number 0..65535, got text 'eighteen'",
            "broker.keepAlive: 'forever' is not a duration — write a number and a unit: ms, s, m,"
                + " h or d (e.g. 30s)",
            "broker.clientId: 'ingest server/1' is not usable — 1..128 visible ASCII characters,"
                + " no spaces",
            "store.jdbcUrl: unsupported database 'jdbc:mysql://db/sharpeyes' — use"
                + " jdbc:h2:file:./data/sharpeyes or jdbc:postgresql://host:5432/sharpeyes",
            "store.poolSize: 0 is out of range — expected 1..256",
            "ingest.maxClockSkew: 2d is out of range — expected 0s..1d",
            "ingest.workerQueue: -1 is out of range — expected 1..1000000",
            "alerts.sseMaxClients: 0 is out of range — expected 1..10000");
  }

  @Test
  void unknownKeyIsRejectedWithTheClosestKnownKeySuggested() throws Exception {
    withReferenceDir();
    List<String> errors =
        errorsOf(
            """
            ingest:
              maxMesageBytes: 1024
            brokr:
              url: tcp://x:1883
            """);

    assertThat(errors)
        .containsExactlyInAnyOrder(
            "ingest.maxMesageBytes: unknown key — did you mean 'maxMessageBytes'?",
            "brokr: unknown key — did you mean 'broker'?");
  }

  @Test
  void unknownKeyFarFromAnyKnownOneListsTheKnownKeys() throws Exception {
    withReferenceDir();
    assertThat(errorsOf("http: {colour: blue}"))
        .containsExactly(
            "http.colour: unknown key — expected one of: host, port, workerThreads,"
                + " maxPendingRequests, tls");
  }

  @Test
  void brokerUrlAlongsideAnEnabledEmbeddedBrokerIsAnError() throws Exception {
    withReferenceDir();
    assertThat(
            errorsOf(
                """
                broker:
                  embedded: {enabled: true}
                  url: tcp://mosquitto:1883
                """))
        .containsExactly(
            "broker.url: set while broker.embedded.enabled is true — remove broker.url to use"
                + " the embedded broker, or set broker.embedded.enabled: false");
  }

  @Test
  void brokerUrlAloneMeansAnExternalBroker() throws Exception {
    withReferenceDir();
    IngestServerConfig config = parse("broker: {url: 'ssl://broker.example:8883'}").orThrow();
    BrokerSettings broker = config.broker();

    assertThat(config.embeddedBroker().enabled()).isFalse();
    assertThat(broker.url()).isEqualTo(URI.create("ssl://broker.example:8883"));
  }

  @Test
  void externalBrokerWithoutUsableUrlIsAnError() throws Exception {
    withReferenceDir();
    assertThat(errorsOf("broker: {embedded: {enabled: false}}"))
        .containsExactly(
            "broker.url: missing — write the broker address, e.g. url: tcp://127.0.0.1:1883");
    assertThat(errorsOf("broker: {url: 'http://broker:80'}"))
        .containsExactly(
            "broker.url: 'http://broker:80' must start with tcp:// or ssl:// — e.g."
                + " tcp://127.0.0.1:1883");
  }

  @Test
  void theBrokerSectionHasTheEdgesKeysAndRules() throws Exception {
    withReferenceDir();
    BrokerSettings broker =
        parse(
                """
                broker:
                  url: tcp://mqtt.example.internal
                  clientId: "ingest:2"
                  keepAlive: 1s
                  reconnect: { initialDelay: 100ms, maxDelay: 1s }
                  maxInFlight: 20
                """)
            .orThrow()
            .broker();

    assertThat(broker.serverUri()).isEqualTo("tcp://mqtt.example.internal:1883");
    assertThat(broker.clientId()).isEqualTo("ingest:2");
    assertThat(broker.keepAlive()).isEqualTo(Duration.ofSeconds(1));
    assertThat(broker.reconnect().initialDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(broker.reconnect().maxDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(broker.maxInFlight()).isEqualTo(20);
  }

  @Test
  void theServersFormerBrokerKeysNameTheKeysThatReplacedThem() throws Exception {
    withReferenceDir();
    assertThat(errorsOf("broker: {reconnectMin: 100ms, reconnectMax: 1s, username: ingest}"))
        .containsExactly(
            "broker.reconnectMin: no longer supported — write reconnect.initialDelay instead, e.g."
                + " reconnect: { initialDelay: 500ms, maxDelay: 30s }",
            "broker.reconnectMax: no longer supported — write reconnect.maxDelay instead, e.g."
                + " reconnect: { initialDelay: 500ms, maxDelay: 30s }",
            "broker.username: no longer supported — write usernameEnv: the NAME of the environment"
                + " variable that holds the user name");
  }

  @Test
  void secretsComeFromTheNamedEnvironmentVariablesAndNeverShow() throws Exception {
    withReferenceDir();
    IngestServerConfig config =
        parse(
                """
                store:
                  jdbcUrl: jdbc:postgresql://127.0.0.1:5432/sharpeyes
                  username: postgres
                  passwordEnv: DB_PASSWORD
                broker:
                  usernameEnv: MQTT_USER
                """)
            .orThrow();

    assertThat(config.store().credentials().username()).isEqualTo("postgres");
    assertThat(config.store().credentials().password().value()).isEqualTo("s3cret");
    assertThat(config.broker().usernameEnv()).isEqualTo("MQTT_USER");
    assertThat(config.brokerCredentials().username()).isEqualTo("ingest");
    assertThat(config.toString()).doesNotContain("s3cret");
  }

  @Test
  void missingEnvironmentVariableIsReportedWithTheFix() throws Exception {
    withReferenceDir();
    assertThat(errorsOf("broker: {usernameEnv: MQTT_USER, passwordEnv: MQTT_PASSWORD}"))
        .containsExactly(
            "broker.passwordEnv: environment variable MQTT_PASSWORD is not set — export it before"
                + " starting");
  }

  @Test
  void implicitlyRelativeH2PathIsRejectedBeforeH2Does() throws Exception {
    withReferenceDir();
    assertThat(errorsOf("store: {jdbcUrl: 'jdbc:h2:file:data/sharpeyes'}"))
        .containsExactly(
            "store.jdbcUrl: H2 refuses a file path that is implicitly relative to the working"
                + " directory — start the path with ./ or / (e.g. jdbc:h2:file:./data/sharpeyes)");
  }

  @Test
  void missingReferenceDataDirectoryIsAnError() {
    assertThat(errorsOf("referenceData: nowhere"))
        .singleElement()
        .asString()
        .startsWith("referenceData: directory " + configDir.resolve("nowhere") + " does not exist");
  }

  @Test
  void sizesAndDurationsAcceptUnits() throws Exception {
    withReferenceDir();
    IngestConfig ingest =
        parse(
                """
                ingest:
                  maxMessageBytes: 128KiB
                  maxClockSkew: 90s
                  maxSnapshotBytes: 2MiB
                  snapshotCacheBytes: 1GiB
                """)
            .orThrow()
            .ingest();

    assertThat(ingest.maxMessageBytes()).isEqualTo(128 * 1024);
    assertThat(ingest.maxClockSkew()).isEqualTo(Duration.ofSeconds(90));
    assertThat(ingest.maxSnapshotBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(ingest.snapshotCacheBytes()).isEqualTo(1L << 30);
  }

  @Test
  void maxEventAgeDefaultsToAWeekAndZeroMeansNoLimit() throws Exception {
    withReferenceDir();

    assertThat(parse("").orThrow().ingest().maxEventAge()).isEqualTo(Duration.ofDays(7));
    assertThat(parse("ingest: {maxEventAge: 0}").orThrow().ingest().maxEventAge()).isZero();
    assertThat(parse("ingest: {maxEventAge: 30d}").orThrow().ingest().maxEventAge())
        .isEqualTo(Duration.ofDays(30));
  }

  @Test
  void maxEventAgeTooShortForAnOutageBacklogOrNegativeIsAnError() throws Exception {
    withReferenceDir();

    assertThat(errorsOf("ingest: {maxEventAge: 10m, maxGapsPerEdge: 0}"))
        .containsExactlyInAnyOrder(
            "ingest.maxEventAge: 10m would dead-letter as too-old the events an edge buffered"
                + " through a short outage — write 0 (no limit) or at least 1h",
            "ingest.maxGapsPerEdge: 0 is out of range — expected 1..10000");
    assertThat(errorsOf("ingest: {maxEventAge: -1d}"))
        .containsExactly(
            "ingest.maxEventAge: '-1d' is not a duration — write a number and a unit: ms, s, m, h"
                + " or d (e.g. 30s)");
  }

  @Test
  void absurdNumbersPathsAndHostsAreErrorsNotCrashes() throws Exception {
    withReferenceDir();

    assertThat(
            errorsOf(
                """
                dataDir: "data\\0dir"
                broker: {embedded: {host: "127.0.0.1  jdbc"}, keepAlive: PT9999999999999999S}
                ingest: {maxClockSkew: 99999999999999999999d, maxSnapshotBytes: 99999999999GiB}
                """))
        .containsExactlyInAnyOrder(
            "dataDir: 'data\0dir' is not a usable path: Nul character not allowed",
            "broker.embedded.host: '127.0.0.1  jdbc' is not an IP address or host name — write"
                + " e.g. 127.0.0.1 (IPv6 in brackets: [::1])",
            "broker.keepAlive: PT9999999999999999S is out of range — expected 1s..1h",
            "ingest.maxClockSkew: 99999999999999999999d is out of range — expected 0s..1d",
            "ingest.maxSnapshotBytes: 99999999999GiB is out of range — expected 1KiB..64MiB");
  }

  @Test
  void snapshotCacheSmallerThanOneSnapshotIsAnError() throws Exception {
    withReferenceDir();
    assertThat(errorsOf("ingest: {maxSnapshotBytes: 2MiB, snapshotCacheBytes: 1MiB}"))
        .containsExactly(
            "ingest.snapshotCacheBytes: 1MiB is smaller than maxSnapshotBytes (2MiB), so no"
                + " snapshot would fit — raise it to at least 2MiB");
  }

  @Test
  void malformedYamlAndDuplicateKeysAreReportedWithTheirLine() throws Exception {
    withReferenceDir();
    assertThat(errorsOf("http:\n  port: 1\n  port: 2\n"))
        .singleElement()
        .asString()
        .startsWith("$: not valid YAML at line 3")
        .contains("Duplicate field 'port'");
    assertThat(errorsOf("http: [unclosed\n")).singleElement().asString().contains("not valid YAML");
  }

  @Test
  void commandLineOverridesWinOverTheFile() throws Exception {
    withReferenceDir();
    Path dataDir = configDir.resolve("elsewhere");
    IngestServerConfig config =
        loader
            .parse(
                "http: {port: 8080}\nbroker: {embedded: {port: 1883}}\n",
                configDir,
                new ConfigOverrides(0, null, URI.create("tcp://127.0.0.1:11883"), dataDir))
            .orThrow();

    assertThat(config.http().port()).isZero();
    assertThat(config.embeddedBroker().enabled()).isFalse();
    assertThat(config.broker().url()).isEqualTo(URI.create("tcp://127.0.0.1:11883"));
    assertThat(config.store().jdbcUrl()).isEqualTo(StoreConfig.h2FileUrl(dataDir));
    assertThat(config.dataDir()).isEqualTo(dataDir);
  }

  @Test
  void jdbcUrlOverrideReplacesTheFileValue() throws Exception {
    withReferenceDir();
    String pg = "jdbc:postgresql://127.0.0.1:5432/other";
    IngestServerConfig config =
        loader
            .parse(
                "store: {jdbcUrl: 'jdbc:h2:mem:x'}",
                configDir,
                new ConfigOverrides(null, pg, null, null))
            .orThrow();

    assertThat(config.store().jdbcUrl()).isEqualTo(pg);
    assertThat(config.store().isPostgres()).isTrue();
  }

  @Test
  void aMissingFileIsOneProblemReportedWithTheFile() {
    Path missing = configDir.resolve("missing.yaml");
    ConfigResult<IngestServerConfig> result = loader.load(missing, ConfigOverrides.NONE);

    assertThat(((ConfigResult.Failure<IngestServerConfig>) result).report(missing.toString()))
        .isEqualTo(missing + ": 1 problem:\n  $: file not found");
  }
}
