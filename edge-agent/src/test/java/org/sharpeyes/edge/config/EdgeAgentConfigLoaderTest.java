package org.sharpeyes.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.GeoPoint;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;
import org.sharpeyes.edge.adapter.plate.PlateReaderAdapterConfig;
import org.sharpeyes.edge.outbox.OutboxConfig;
import org.sharpeyes.edge.outbox.SyncPolicy;
import org.sharpeyes.edge.status.StatusHttpConfig;
import org.sharpeyes.mqtt.BrokerSettings;

class EdgeAgentConfigLoaderTest {

  static final String VALID =
      """
      edgeId: edge-wuling-01
      broker:
        url: tcp://127.0.0.1:1883
      devices:
        - id: "43070200001320000101"
          name: 火车站卡口
          kind: plate-reader
          location: { lat: 29.0435, lon: 111.68 }
          plateHttp:
            port: 8081
      """;

  @Test
  void theShippedDemoConfigIsValid() {
    ConfigResult<EdgeAgentConfig> result =
        EdgeAgentConfigLoader.load(Path.of("../config/edge-agent.yaml"));

    EdgeAgentConfig config = result.orThrow();
    assertThat(config.edgeId()).isEqualTo("edge-wuling-01");
    assertThat(config.broker().serverUri()).isEqualTo("tcp://127.0.0.1:11883");
    assertThat(config.status()).isEqualTo(new StatusHttpConfig("127.0.0.1", 9180));
    DeviceConfig device = config.devices().get(0);
    assertThat(device.id()).isEqualTo("43070200001320000101");
    assertThat(device.kind()).isEqualTo(DeviceKind.PLATE_READER);
    assertThat(device.location()).isEqualTo(new GeoPoint(29.0435, 111.68));
    assertThat(device.settings().listenPort()).hasValue(8081);
    assertThat(config.outbox().path()).isEqualTo(Path.of("data/edge-outbox.db"));
    DeviceConfig camera = config.devices().get(1);
    assertThat(camera.kind()).isEqualTo(DeviceKind.CAMERA);
    assertThat(camera.settings())
        .isInstanceOfSatisfying(
            CameraAdapterConfig.class,
            c -> assertThat(c.source()).isEqualTo("http://127.0.0.1:8554/stream.mjpeg"));
    assertThat(config.devices().get(2).kind()).isEqualTo(DeviceKind.GATE);
  }

  @Test
  void theShippedPlatesOnlyConfigIsValid() {
    EdgeAgentConfig config =
        EdgeAgentConfigLoader.load(Path.of("../config/edge-agent-plates-only.yaml")).orThrow();

    assertThat(config.devices())
        .extracting(DeviceConfig::kind)
        .containsExactly(DeviceKind.PLATE_READER, DeviceKind.GATE);
  }

  @Test
  void aMinimalFileGetsTheDocumentedDefaults() {
    EdgeAgentConfig config = EdgeAgentConfigLoader.parse(VALID).orThrow();

    BrokerSettings broker = config.broker();
    assertThat(broker.clientId()).isEqualTo("edge-wuling-01");
    assertThat(broker.keepAlive()).isEqualTo(Duration.ofSeconds(30));
    assertThat(broker.reconnect().initialDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(broker.reconnect().maxDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(broker.maxInFlight()).isEqualTo(100);
    assertThat(broker.tls()).isNull();
    assertThat(config.outbox())
        .isEqualTo(
            new OutboxConfig(
                Path.of("data/edge-outbox.db"),
                1_000_000,
                1024L * 1024 * 1024,
                new SyncPolicy(256, Duration.ZERO)));
    assertThat(config.status()).isEqualTo(StatusHttpConfig.DEFAULTS);
    assertThat(config.devices().get(0).settings())
        .isEqualTo(
            new PlateReaderAdapterConfig(
                "0.0.0.0",
                8081,
                "/plates",
                2 * 1024 * 1024,
                1024 * 1024,
                128,
                Duration.ofSeconds(60)));
  }

  @Test
  void anUnknownKeyIsAnErrorThatSuggestsTheNearestKnownKey() {
    ConfigResult<EdgeAgentConfig> result =
        EdgeAgentConfigLoader.parse(VALID.replace("  url: tcp", "  urll: tcp"));

    assertThat(problems(result))
        .contains("broker.urll: unknown key — did you mean 'url'?")
        .contains("broker.url: missing — write the broker address, e.g. url: tcp://127.0.0.1:1883");
  }

  @Test
  void anUnknownKeyFarFromAnyKnownOneListsTheKnownKeys() {
    ConfigResult<EdgeAgentConfig> result = EdgeAgentConfigLoader.parse(VALID + "colour: blue\n");

    assertThat(problems(result))
        .containsExactly(
            "colour: unknown key — expected one of: edgeId, broker, outbox, status, devices, health");
  }

  @Test
  void theOutboxSectionSetsTheFileTheBoundsAndTheSyncPolicy() {
    String yaml =
        VALID
            + """
            outbox:
              path: /var/lib/sharpeyes/outbox.db
              maxEvents: 5000
              maxBytes: 256MiB
              sync: { maxBatch: 64, maxDelay: 20ms }
            """;

    OutboxConfig outbox = EdgeAgentConfigLoader.parse(yaml).orThrow().outbox();

    assertThat(outbox)
        .isEqualTo(
            new OutboxConfig(
                Path.of("/var/lib/sharpeyes/outbox.db"),
                5000,
                256L * 1024 * 1024,
                new SyncPolicy(64, Duration.ofMillis(20))));
  }

  @Test
  void theOldPublishQueueKeysNameTheOutboxKeysThatReplaceThem() {
    String yaml =
        VALID.replace(
            "  url: tcp://127.0.0.1:1883",
            "  url: tcp://127.0.0.1:1883\n  publishQueueSize: 10000\n  publishQueueBytes: 64MiB");

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .containsExactly(
            "broker.publishQueueSize: no longer supported — the queue is now the durable outbox:"
                + " write its bound as outbox.maxEvents (a top-level section beside broker)",
            "broker.publishQueueBytes: no longer supported — the queue is now the durable outbox:"
                + " write its bound as outbox.maxBytes (a top-level section beside broker)");
  }

  @Test
  void outboxValuesOutOfRangeOrInconsistentAreReportedWithTheFix(@TempDir Path dir) {
    String yaml =
        VALID
            + """
            outbox:
              path: %s
              maxEvents: 50
              maxBytes: 1KiB
              sync: { maxBatch: 0, maxDelay: 2s, linger: 1ms }
            """
                .formatted(dir);
    String tooSmall =
        VALID.replace(
                "  url: tcp://127.0.0.1:1883", "  url: tcp://127.0.0.1:1883\n  maxInFlight: 100")
            + "outbox: { maxEvents: 50 }\n";

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .containsExactly(
            "outbox.path: '"
                + dir
                + "' is not a file name — name the file, e.g. data/edge-outbox.db",
            "outbox.maxBytes: 1KiB is out of range — expected 1MiB..1024GiB",
            "outbox.sync.linger: unknown key — expected one of: maxBatch, maxDelay",
            "outbox.sync.maxBatch: 0 is out of range — expected 1..10000",
            "outbox.sync.maxDelay: 2s is out of range — expected 0s..1s");
    assertThat(problems(EdgeAgentConfigLoader.parse(tooSmall)))
        .containsExactly(
            "outbox.maxEvents: 50 is smaller than broker.maxInFlight (100) — the outbox holds the"
                + " events in flight too; raise it or lower broker.maxInFlight");
  }

  @Test
  void anOutOfRangePortNamesItsPathAndTheAllowedRange() {
    ConfigResult<EdgeAgentConfig> result =
        EdgeAgentConfigLoader.parse(VALID.replace("port: 8081", "port: 70000"));

    assertThat(problems(result))
        .containsExactly("devices[0].plateHttp.port: 70000 is out of range — expected 0..65535");
  }

  @Test
  void everyProblemInTheFileIsReportedAtOnceWithItsPath() {
    String yaml =
        """
        edgeId: "edge/with/slashes"
        broker:
          url: http://127.0.0.1:1883
          keepAlive: 30
          reconnect: { initialDelay: 5s, maxDelay: 1s }
          maxInFlight: 0
        status: { port: -1 }
        devices:
          - id: "4307"
            kind: plate-reader
            location: { lat: 129.0, lon: 111.68 }
            plateHttp:
              port: 8081
              maxBodyBytes: 2MB
          - id: "43070200001320000102"
            kind: viid
        """;

    assertThat(paths(EdgeAgentConfigLoader.parse(yaml)))
        .containsExactly(
            "edgeId",
            "broker.url",
            "broker.keepAlive",
            "broker.reconnect.maxDelay",
            "broker.maxInFlight",
            "status.port",
            "devices[0].id",
            "devices[0].location.lat",
            "devices[0].plateHttp.maxBodyBytes",
            "devices[1].kind");
  }

  @Test
  void valuesThatAreAlmostRightSayWhatToWriteInstead() {
    String yaml =
        VALID
            .replace("  url: tcp://127.0.0.1:1883", "  url: tcp://127.0.0.1:1883\n  keepAlive: 30")
            .replace("port: 8081", "port: 8081\n      maxBodyBytes: 2MB")
            .replace("id: \"43070200001320000101\"", "id: 43070200001320000101")
            .replace("kind: plate-reader", "kind: plate-raeder");

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .contains(
            "broker.keepAlive: 30 has no unit — write 30s or 30000ms",
            "devices[0].plateHttp.maxBodyBytes: '2MB' is ambiguous — did you mean 2MiB?",
            "devices[0].kind: 'plate-raeder' is not known — did you mean 'plate-reader'?");
  }

  @Test
  void anUnquotedDeviceIdThatYamlMangledIsExplained() {
    String yaml = VALID.replace("id: \"43070200001320000101\"", "id: 0430702");

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .singleElement()
        .asString()
        .startsWith("devices[0].id: ")
        .endsWith("write the id in quotes (\"…\"): YAML reads bare digits as a number");
  }

  @Test
  void duplicateDeviceIdsAndPortClashesAreErrors() {
    String second =
        """
          - id: "43070200001320000101"
            kind: plate-reader
            plateHttp: { port: 8081 }
          - id: "43070200001320000103"
            kind: plate-reader
            plateHttp: { port: 9180 }
        """;

    assertThat(problems(EdgeAgentConfigLoader.parse(VALID + second)))
        .containsExactly(
            "devices[1].id: '43070200001320000101' is already used by devices[0] — device ids"
                + " must be unique",
            "devices[1].plateHttp.port: 8081 is already used by devices[0].plateHttp.port — give"
                + " each listener its own port",
            "devices[2].plateHttp.port: 9180 is already used by status.port — give each listener"
                + " its own port");
  }

  @Test
  void reservedDeviceKindsAreClearlyNotSupportedYet() {
    String yaml = VALID.replace("kind: plate-reader", "kind: viid");

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .containsExactly(
            "devices[0].kind: 'viid' is not supported yet — this version supports: plate-reader,"
                + " camera, gate");
  }

  @Test
  void tlsSettingsAreOnlyForSslAndWithoutThemTheJvmsTrustedCasVerifyTheBroker(@TempDir Path dir)
      throws IOException {
    String ssl = VALID.replace("tcp://127.0.0.1:1883", "ssl://broker.example:8883");
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    String wrongCa =
        ssl.replace(
            "  url: ssl://broker.example:8883",
            "  url: ssl://broker.example:8883\n  tls: { caFile: " + notPem + " }");
    String tlsOnTcp =
        VALID.replace(
            "  url: tcp://127.0.0.1:1883",
            "  url: tcp://127.0.0.1:1883\n  tls: { caFile: /x.pem }");

    assertThat(EdgeAgentConfigLoader.parse(ssl).orThrow().broker().tls()).isNull();
    assertThat(problems(EdgeAgentConfigLoader.parse(wrongCa)))
        .singleElement()
        .asString()
        .startsWith("broker.tls.caFile: " + notPem + " is not a PEM file of X.509 certificates");
    assertThat(problems(EdgeAgentConfigLoader.parse(tlsOnTcp)))
        .contains("broker.tls: only for ssl:// brokers — change url to ssl://… or remove tls");
  }

  @Test
  void aMissingEdgeIdOrAnUnusableCaFilePathIsAProblemNotACrash() {
    String noEdgeId = VALID.replace("edgeId: edge-wuling-01\n", "");
    String nulInCaFile =
        VALID
            .replace("tcp://127.0.0.1:1883", "ssl://broker.example:8883")
            .replace(
                "  url: ssl://broker.example:8883",
                "  url: ssl://broker.example:8883\n  tls: { caFile: \"ca\\0.pem\" }");

    assertThat(problems(EdgeAgentConfigLoader.parse(noEdgeId)))
        .containsExactly("edgeId: missing — the id of this box, e.g. edgeId: edge-wuling-01");
    assertThat(problems(EdgeAgentConfigLoader.parse(nulInCaFile)))
        .singleElement()
        .asString()
        .startsWith("broker.tls.caFile: ")
        .contains("Nul character not allowed");
  }

  @Test
  void secretsAreNeverWrittenInTheFileOnlyTheNamesOfVariables() {
    String yaml =
        VALID.replace(
            "  url: tcp://127.0.0.1:1883",
            "  url: tcp://127.0.0.1:1883\n  usernameEnv: MQTT_USER\n  passwordEnv: \"s3cret!\"");

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .singleElement()
        .asString()
        .startsWith("broker.passwordEnv: 's3cret!' is not an environment variable name");
  }

  @Test
  void brokenYamlIsReportedWithItsLine() {
    ConfigResult<EdgeAgentConfig> result =
        EdgeAgentConfigLoader.parse("edgeId: a\nbroker: [unclosed\n");

    assertThat(problems(result)).singleElement().asString().startsWith("$: not valid YAML at line");
  }

  @Test
  void aMissingFileIsOneProblem(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");

    assertThat(problems(EdgeAgentConfigLoader.load(file))).containsExactly("$: file not found");
  }

  @Test
  void commandLineOverridesReplaceFileValuesAndAreValidatedLikeThem() {
    ConfigOverrides overrides =
        new ConfigOverrides(
            "tcp://10.0.0.5:1884", 0, Map.of("43070200001320000101", 0), ".demo/edge-outbox.db");
    ConfigOverrides bad = new ConfigOverrides("mqtt://x", null, Map.of("43070200001329999999", 1));

    EdgeAgentConfig config = EdgeAgentConfigLoader.parse(VALID, overrides).orThrow();

    assertThat(config.broker().serverUri()).isEqualTo("tcp://10.0.0.5:1884");
    assertThat(config.status().port()).isZero();
    assertThat(config.devices().get(0).settings().listenPort()).hasValue(0);
    assertThat(config.outbox().path()).isEqualTo(Path.of(".demo/edge-outbox.db"));
    assertThat(problems(EdgeAgentConfigLoader.parse(VALID, bad)))
        .containsExactly(
            "--device-port 43070200001329999999: no device with that id listens on a port in this"
                + " file",
            "broker.url: 'mqtt://x' must start with tcp:// or ssl:// — e.g. tcp://127.0.0.1:1883");
  }

  @Test
  void configsBuiltInCodeUseTheSameRecords() {
    EdgeAgentConfig config =
        EdgeAgentConfig.of(
                "edge-test-01",
                "tcp://127.0.0.1:1883",
                new DeviceConfig(
                    "43070200001320000101", "gate", null, PlateReaderAdapterConfig.onPort(8081)))
            .withEphemeralPorts()
            .withBrokerUrl("tcp://127.0.0.1:11883");

    assertThat(config.status().port()).isZero();
    assertThat(config.devices().get(0).settings().listenPort()).hasValue(0);
    assertThat(config.broker().serverUri()).isEqualTo("tcp://127.0.0.1:11883");
  }

  static List<String> problems(ConfigResult<?> result) {
    assertThat(result).isInstanceOf(ConfigResult.Failure.class);
    return result.problems().stream().map(ConfigProblem::toString).toList();
  }

  static List<String> paths(ConfigResult<?> result) {
    assertThat(result).isInstanceOf(ConfigResult.Failure.class);
    return result.problems().stream().map(ConfigProblem::path).toList();
  }
}
