package org.sharpeyes.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.ConfigYaml;
import org.sharpeyes.runtime.Backoff;

class BrokerSectionReaderTest {

  @TempDir Path dir;

  private ConfigTree root;

  private BrokerSettings read(String section) {
    return read(section, "edge-wuling-01", null);
  }

  private BrokerSettings read(String section, String defaultClientId, URI defaultUrl) {
    root =
        ConfigYaml.parse("broker:\n" + section.indent(2), dir, ConfigYaml.Limits.DEFAULTS)
            .orThrow();
    return BrokerSectionReader.read(root.section("broker"), defaultClientId, defaultUrl, Set.of());
  }

  private List<String> problems() {
    return root.problems().stream().map(ConfigProblem::toString).toList();
  }

  private Path testCa() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("test-ca.pem")) {
      Path file = dir.resolve("ca.pem");
      Files.write(file, in.readAllBytes());
      return file;
    }
  }

  @Test
  void aUrlAloneGetsTheDocumentedDefaults() {
    BrokerSettings b = read("url: tcp://127.0.0.1:1883");

    assertThat(b).isEqualTo(BrokerSettings.defaults("tcp://127.0.0.1:1883", "edge-wuling-01"));
    assertThat(b.keepAlive()).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.reconnect())
        .isEqualTo(new Backoff.Bounds(Duration.ofMillis(500), Duration.ofSeconds(30)));
    assertThat(b.maxInFlight()).isEqualTo(100);
    assertThat(b.tls()).isNull();
    assertThat(b.usernameEnv()).isNull();
  }

  @Test
  void everyKeyIsReadWithItsUnit() throws IOException {
    Path ca = testCa();
    BrokerSettings b =
        read(
            """
            url: ssl://mqtt.example.internal:8883
            clientId: ingest-server-2
            keepAlive: 1.5s
            usernameEnv: SHARPEYES_MQTT_USERNAME
            passwordEnv: SHARPEYES_MQTT_PASSWORD
            tls: { caFile: ca.pem }
            reconnect: { initialDelay: 1s, maxDelay: 1m }
            maxInFlight: 500
            """);

    assertThat(b)
        .isEqualTo(
            new BrokerSettings(
                URI.create("ssl://mqtt.example.internal:8883"),
                "ingest-server-2",
                Duration.ofSeconds(2),
                "SHARPEYES_MQTT_USERNAME",
                "SHARPEYES_MQTT_PASSWORD",
                new BrokerSettings.Tls(ca),
                new Backoff.Bounds(Duration.ofSeconds(1), Duration.ofMinutes(1)),
                500));
    assertThat(problems()).isEmpty();
  }

  @Test
  void anSslBrokerWithoutTlsSettingsIsVerifiedAgainstTheJvmsTrustedCas() {
    BrokerSettings b = read("url: ssl://broker.example:8883");

    assertThat(b.tls()).isNull();
    assertThat(b.serverUri()).isEqualTo("ssl://broker.example:8883");
  }

  @Test
  void everyProblemIsReportedWithItsPathAndTheFix() {
    BrokerSettings b =
        read(
            """
            url: http://127.0.0.1:1883
            clientId: "ingest server/1"
            keepAlive: 30
            usernameEnv: "mqtt user"
            tls: { caFile: /nowhere/ca.pem }
            reconnect: { initialDelay: 5s, maxDelay: 1s }
            maxInFlight: 0
            """);

    assertThat(b).isNull();
    assertThat(problems())
        .containsExactly(
            "broker.url: 'http://127.0.0.1:1883' must start with tcp:// or ssl:// — e.g."
                + " tcp://127.0.0.1:1883",
            "broker.clientId: 'ingest server/1' is not usable — 1..128 visible ASCII characters,"
                + " no spaces",
            "broker.keepAlive: 30 has no unit — write 30s or 30000ms",
            "broker.usernameEnv: 'mqtt user' is not an environment variable name — write the NAME"
                + " of the variable that holds the secret (e.g. SHARPEYES_MQTT_PASSWORD), never"
                + " the secret itself",
            "broker.tls.caFile: /nowhere/ca.pem does not exist or is not a file",
            "broker.reconnect.maxDelay: 1s is shorter than initialDelay (5s) — raise maxDelay or"
                + " lower initialDelay",
            "broker.maxInFlight: 0 is out of range — expected 1..65535");
  }

  @Test
  void theKeysOfFormerVersionsNameTheKeysThatReplacedThem() {
    read(
        """
        url: tcp://127.0.0.1:1883
        reconnectMin: 100ms
        reconnectMax: 1s
        username: ingest
        password: s3cret
        publishQueueSize: 10000
        """);

    assertThat(problems())
        .containsExactly(
            "broker.reconnectMin: no longer supported — write reconnect.initialDelay instead, e.g."
                + " reconnect: { initialDelay: 500ms, maxDelay: 30s }",
            "broker.reconnectMax: no longer supported — write reconnect.maxDelay instead, e.g."
                + " reconnect: { initialDelay: 500ms, maxDelay: 30s }",
            "broker.username: no longer supported — write usernameEnv: the NAME of the environment"
                + " variable that holds the user name",
            "broker.password: secrets are never written in the file — write passwordEnv: the NAME"
                + " of the environment variable that holds the password",
            "broker.publishQueueSize: no longer supported — the queue is now the durable outbox:"
                + " write its bound as outbox.maxEvents (a top-level section beside broker)");
  }

  @Test
  void anUnknownKeyGetsOneDidYouMeanAndTheProgramsOwnKeysAreAllowed() {
    root =
        ConfigYaml.parse("broker: { urll: x, embedded: {} }\n", dir, ConfigYaml.Limits.DEFAULTS)
            .orThrow();

    BrokerSectionReader.read(
        root.section("broker"),
        "ingest-server-1",
        URI.create("tcp://127.0.0.1:1883"),
        Set.of("embedded"));

    assertThat(problems()).containsExactly("broker.urll: unknown key — did you mean 'url'?");
  }

  @Test
  void theUrlIsRequiredUnlessTheProgramKnowsItsBroker() {
    BrokerSettings embedded =
        read("clientId: x", "ingest-server-1", URI.create("tcp://127.0.0.1:11883"));
    assertThat(embedded.url()).isEqualTo(URI.create("tcp://127.0.0.1:11883"));

    assertThat(read("clientId: x")).isNull();
    assertThat(problems())
        .containsExactly(
            "broker.url: missing — write the broker address, e.g. url: tcp://127.0.0.1:1883");
  }

  @Test
  void theUrlHoldsOnlySchemeHostAndPort() {
    assertThat(read("url: tcp://user:pw@broker:1883")).isNull();
    assertThat(problems())
        .containsExactly(
            "broker.url: 'tcp://***@broker:1883' has a path, query or user — write only"
                + " tcp://host:port (credentials go in usernameEnv/passwordEnv)");
    assertThat(read("url: tcp://broker:99999")).isNull();
    assertThat(problems())
        .containsExactly("broker.url: port 99999 is out of range — expected 1..65535");
  }

  @Test
  void tlsSettingsAreOnlyForSslAndTheirCaFileIsCheckedAtLoadTime() throws IOException {
    testCa();
    Files.writeString(dir.resolve("not.pem"), "not a certificate");

    assertThat(read("url: tcp://127.0.0.1:1883\ntls: { caFile: ca.pem }")).isNull();
    assertThat(problems())
        .containsExactly(
            "broker.tls: only for ssl:// brokers — change url to ssl://… or remove tls");
    assertThat(read("url: ssl://b:8883\ntls: { caFile: not.pem }")).isNull();
    assertThat(problems())
        .singleElement()
        .asString()
        .startsWith("broker.tls.caFile: " + dir.resolve("not.pem") + " is not a PEM file of X.509");
    assertThat(read("url: ssl://b:8883\ntls: {}")).isNull();
    assertThat(problems())
        .containsExactly(
            "broker.tls.caFile: missing — the PEM file of the broker's CA, e.g. caFile:"
                + " /etc/sharpeyes/ca.pem");
  }

  @Test
  void aPasswordNeedsAUserName() {
    assertThat(read("url: tcp://b:1883\npasswordEnv: MQTT_PASSWORD")).isNull();
    assertThat(problems())
        .containsExactly("broker.passwordEnv: set without usernameEnv — add usernameEnv as well");
  }

  @Test
  void theKeepAliveIsOneSecondToAnHourRoundedUpToWholeSeconds() {
    assertThat(read("url: tcp://b:1883\nkeepAlive: 1h").keepAlive()).isEqualTo(Duration.ofHours(1));
    assertThat(read("url: tcp://b:1883\nkeepAlive: 500ms")).isNull();
    assertThat(problems())
        .containsExactly("broker.keepAlive: 500ms is out of range — expected 1s..1h");
  }

  @Test
  void withoutAUsableDefaultClientIdTheSectionHasNoSettingsAndNoProblemOfItsOwn() {
    assertThat(read("url: tcp://b:1883", null, null)).isNull();
    assertThat(problems()).isEmpty();
  }

  @Test
  void aReconnectSectionIsReadTheSameWayWhereverSomethingReconnects() {
    root =
        ConfigYaml.parse(
                "camera: { reconnect: { initialDelay: 1s } }\ngate: { reconnect: { maxDelay: 5ms } }\n",
                dir,
                ConfigYaml.Limits.DEFAULTS)
            .orThrow();

    assertThat(BrokerSectionReader.reconnect(root.section("camera"), Backoff.Bounds.DEFAULTS))
        .isEqualTo(new Backoff.Bounds(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    assertThat(BrokerSectionReader.reconnect(root.section("gate"), Backoff.Bounds.DEFAULTS))
        .isNull();
    assertThat(BrokerSectionReader.reconnect(root, Backoff.Bounds.DEFAULTS))
        .isEqualTo(Backoff.Bounds.DEFAULTS);
    assertThat(problems())
        .containsExactly("gate.reconnect.maxDelay: 5ms is out of range — expected 10ms..1h");
  }
}
