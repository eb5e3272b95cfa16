package org.sharpeyes.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.edge.config.EdgeAgentConfigLoaderTest.problems;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig.Door;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig.Mode;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig.Policy;
import org.sharpeyes.edge.cli.EdgeAgentMain;

class GateConfigTest {

  static final String GATE =
      """
      edgeId: edge-wuling-01
      broker:
        url: tcp://127.0.0.1:1883
      devices:
        - id: "43070200001170000001"
          name: 柳湾小区门禁控制器
          kind: gate
          gate:
            endpoint: opc.tcp://127.0.0.1:4840/sharpeyes/gate
            profile: sharpeyes-gate-sim
      """;

  /** A second controller model, described by a file: its words differ from ours. */
  static final String ACME_PROFILE =
      """
      namespaceUri: urn:acme:access
      controller: { browsePath: [Site, Doors] }
      doors:
        variables: { state: DoorStatus }
      event:
        typeId: i=5001
        fields:
          kind: EventClass
          credentialId: CardNo
          credentialType: Medium
          result: Verdict
          denyReason: Cause
          state: DoorStatus
      values:
        kind: { Access: credential, Door: state }
        state: { Closed: closed, Open: open, ForcedOpen: forced, HeldOpen: held-open }
        credentialType: { Card: card, Face: face }
        result: { Granted: granted, Denied: denied }
      """;

  static String withGateKeys(String... lines) {
    StringBuilder yaml = new StringBuilder(GATE);
    for (String line : lines) {
      yaml.append("    ").append(line).append('\n');
    }
    return yaml.toString();
  }

  static GateAdapterConfig gate(ConfigResult<EdgeAgentConfig> result) {
    var device = result.orThrow().devices().get(0);
    assertThat(device.kind()).isEqualTo(DeviceKind.GATE);
    return (GateAdapterConfig) device.settings();
  }

  @Test
  void aGateWithItsEndpointAndProfileGetsTheDocumentedDefaults() {
    GateAdapterConfig g = gate(EdgeAgentConfigLoader.parse(GATE));

    assertThat(g.endpoint()).hasToString("opc.tcp://127.0.0.1:4840/sharpeyes/gate");
    assertThat(g.policy()).isEqualTo(Policy.NONE);
    assertThat(g.mode()).isEqualTo(Mode.NONE);
    assertThat(g.usernameEnv()).isNull();
    assertThat(g.pkiDir()).isEqualTo(Path.of("data/opcua-pki"));
    assertThat(g.trustedServerCertificates()).isEmpty();
    assertThat(g.trustOnFirstUse()).isFalse();
    assertThat(g.profile().name()).isEqualTo("sharpeyes-gate-sim");
    assertThat(g.samplingInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(g.publishingInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(g.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(g.reconnect().maxDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(g.doors()).isEmpty();
    assertThat(g.maxDoors()).isEqualTo(256);
    assertThat(g.eventIdMemory()).isEqualTo(10_000);
  }

  @Test
  void everySettingCanBeGivenWithDoorsCarryingTheirOwnIds(@TempDir Path dir) throws Exception {
    writeCertificate(dir.resolve("gate-sim.der"));
    String yaml =
        withGateKeys(
            "  securityPolicy: Basic256Sha256",
            "  securityMode: Sign",
            "  usernameEnv: GATE_USER",
            "  passwordEnv: GATE_PASSWORD",
            "  pkiDir: /var/lib/sharpeyes/opcua-pki",
            "  trustedServerCertificates: [gate-sim.der]",
            "  trustOnFirstUse: true",
            "  samplingInterval: 50ms",
            "  publishingInterval: 1s",
            "  requestTimeout: 2s",
            "  reconnect: { initialDelay: 1s, maxDelay: 1m }",
            "  maxDoors: 8",
            "  eventIdMemory: 500",
            "  eventQueueSize: 50",
            "  doors:",
            "    - { node: Door01, id: \"43070200001340000001\" }",
            "    - { node: Door02 }");

    GateAdapterConfig g = gate(EdgeAgentConfigLoader.load(write(dir, yaml)));

    assertThat(g.policy()).isEqualTo(Policy.BASIC256SHA256);
    assertThat(g.mode()).isEqualTo(Mode.SIGN);
    assertThat(g.usernameEnv()).isEqualTo("GATE_USER");
    assertThat(g.pkiDir()).isEqualTo(Path.of("/var/lib/sharpeyes/opcua-pki"));
    assertThat(g.trustedServerCertificates()).containsExactly(dir.resolve("gate-sim.der"));
    assertThat(g.trustOnFirstUse()).isTrue();
    assertThat(g.samplingInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(g.reconnect().initialDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(g.doors())
        .containsExactly(new Door("Door01", "43070200001340000001"), new Door("Door02", null));
    assertThat(g.maxDoors()).isEqualTo(8);
    assertThat(g.describeEndpoint())
        .isEqualTo("opc.tcp://127.0.0.1:4840/sharpeyes/gate (Basic256Sha256, Sign)");
  }

  @Test
  void aSecurityPolicyWithoutAModeDefaultsToSignAndEncrypt() {
    GateAdapterConfig g =
        gate(EdgeAgentConfigLoader.parse(withGateKeys("  securityPolicy: Aes128_Sha256_RsaOaep")));

    assertThat(g.policy()).isEqualTo(Policy.AES128_SHA256_RSAOAEP);
    assertThat(g.mode()).isEqualTo(Mode.SIGN_AND_ENCRYPT);
  }

  @Test
  void everyProblemInTheGateSectionIsReportedAtItsPathWithTheFix() {
    String yaml =
        withGateKeys(
                "  securityPolicy: Basic256Sha265",
                "  usernameEnv: gate user",
                "  samplingInterval: 100",
                "  publishingInterval: 2h",
                "  trustOnFirstUse: yes please",
                "  doors:",
                "    - { node: Door01, id: \"4307020000121000001\" }",
                "    - { node: Door02, id: \"43070200001310000002\" }",
                "    - { node: Door03, id: 04307020000121000003 }",
                "    - { node: Door01, id: \"43070200001340000004\", floor: 2 }")
            .replace("opc.tcp://127.0.0.1:4840/sharpeyes/gate", "http://127.0.0.1:4840/gate")
            .replace("profile: sharpeyes-gate-sim", "profile: sharpeyes-gate-simulator");

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .hasSize(13)
        .contains(
            "devices[0].gate.endpoint: 'http://127.0.0.1:4840/gate' must start with opc.tcp:// —"
                + " expected opc.tcp://host:port[/path], e.g."
                + " opc.tcp://127.0.0.1:4840/sharpeyes/gate",
            "devices[0].gate.securityPolicy: 'Basic256Sha265' is not known — did you mean"
                + " 'Basic256Sha256'?",
            "devices[0].gate.usernameEnv: 'gate user' is not an environment variable name —"
                + " write the NAME of the variable that holds the secret (e.g."
                + " SHARPEYES_MQTT_PASSWORD), never the secret itself",
            "devices[0].gate.usernameEnv: set without passwordEnv — add passwordEnv as well",
            "devices[0].gate.trustOnFirstUse: expected true or false, got text 'yes please'",
            "devices[0].gate.profile: 'sharpeyes-gate-simulator' is not a built-in profile —"
                + " built in: sharpeyes-gate-sim; or give the path of a profile file, e.g."
                + " profiles/acme-ac2000.yaml",
            "devices[0].gate.samplingInterval: 100 has no unit — write 100s or 100000ms",
            "devices[0].gate.publishingInterval: 2h is out of range — expected 10ms..1m",
            "devices[0].gate.doors[0].id: '4307020000121000001' is not a GB/T 28181 id —"
                + " expected exactly 20 digits, e.g. \"43070200001340000001\"",
            "devices[0].gate.doors[1].id: '43070200001310000002' has type code 131 — a door is"
                + " an alarm input device (GB/T 28181 Appendix D): digits 11–13 must be 134",
            "devices[0].gate.doors[3].floor: unknown key — expected one of: node, id",
            "devices[0].gate.doors[3].node: 'Door01' is listed twice — also at devices[0].gate.doors[0]")
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("devices[0].gate.doors[2].id: '")
                    .endsWith(
                        "write the id in quotes (\"…\"): YAML reads bare digits as a number"));
  }

  @Test
  void aSecurityModeThatDoesNotGoWithThePolicyIsRefusedEitherWay() {
    String noMode = withGateKeys("  securityPolicy: Basic256Sha256", "  securityMode: None");
    String noPolicy = withGateKeys("  securityMode: SignAndEncrypt");

    assertThat(problems(EdgeAgentConfigLoader.parse(noMode)))
        .containsExactly(
            "devices[0].gate.securityMode: None does not go with securityPolicy Basic256Sha256 —"
                + " write Sign or SignAndEncrypt, or securityPolicy: None");
    assertThat(problems(EdgeAgentConfigLoader.parse(noPolicy)))
        .containsExactly(
            "devices[0].gate.securityMode: SignAndEncrypt needs a security policy — write"
                + " securityPolicy: Basic256Sha256, or securityMode: None");
  }

  @Test
  void anEndpointThatIsNotOpcTcpHostPortPathIsExplained() {
    for (String bad :
        new String[] {
          "opc.tcp://127.0.0.1/sharpeyes/gate",
          "opc.tcp://guard:secret@127.0.0.1:4840/gate",
          "opc.tcp://127.0.0.1:4840/gate?x=1",
          "opc.tcp://bad host:4840"
        }) {
      String yaml = GATE.replace("opc.tcp://127.0.0.1:4840/sharpeyes/gate", bad);

      assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
          .singleElement()
          .asString()
          .startsWith("devices[0].gate.endpoint: '")
          .doesNotContain("secret")
          .endsWith(
              "expected opc.tcp://host:port[/path], e.g. opc.tcp://127.0.0.1:4840/sharpeyes/gate");
    }
  }

  @Test
  void retiredSecurityPoliciesAreRefusedWithTheirReplacement() {
    assertThat(problems(EdgeAgentConfigLoader.parse(withGateKeys("  securityPolicy: Basic256"))))
        .containsExactly(
            "devices[0].gate.securityPolicy: 'Basic256' is deprecated by OPC UA (SHA-1) and"
                + " refused — use Basic256Sha256");
  }

  @Test
  void aMissingProfileFileOrCertificateIsNamed(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("not-a-cert.der"), "hello");
    String yaml =
        withGateKeys("  trustedServerCertificates: [gone.der, not-a-cert.der]")
            .replace("sharpeyes-gate-sim", "profiles/gone.yaml");

    assertThat(problems(EdgeAgentConfigLoader.load(write(dir, yaml))))
        .containsExactly(
            "devices[0].gate.trustedServerCertificates[0]: gone.der: no such file (relative"
                + " paths start at the config file)",
            "devices[0].gate.trustedServerCertificates[1]: not-a-cert.der: not an X.509"
                + " certificate (DER or PEM)",
            "devices[0].gate.profile: profiles/gone.yaml: no such file (relative paths start at"
                + " the config file)");
  }

  @Test
  void aGateWithoutItsSectionIsToldWhatToAdd() {
    String yaml = GATE.substring(0, GATE.indexOf("    gate:"));

    assertThat(problems(EdgeAgentConfigLoader.parse(yaml)))
        .containsExactly(
            "devices[0].gate: missing — a gate needs gate: { endpoint:"
                + " opc.tcp://127.0.0.1:4840/sharpeyes/gate, profile: sharpeyes-gate-sim }");
  }

  @Test
  void validateRejectsABadGateNamingThePathAndTheFix(@TempDir Path dir) throws IOException {
    Path file =
        write(dir, withGateKeys("  securityPolicy: Basic256Sha256", "  securityMode: None"));
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();

    int code =
        EdgeAgentMain.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "validate",
            "--config",
            file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("devices[0].gate.securityMode: None does not go with securityPolicy");
  }

  @Test
  void validateWarnsThatAGateWhoseCredentialVariablesAreNotSetWillNotStart(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            withGateKeys(
                "  usernameEnv: SHARPEYES_TEST_UNSET_GATE_USER",
                "  passwordEnv: SHARPEYES_TEST_UNSET_GATE_PASSWORD"));
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();

    int code =
        EdgeAgentMain.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "validate",
            "--config",
            file.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("OK: 1 devices");
    assertThat(err.toString())
        .contains(
            "warning: device 43070200001170000001 (柳湾小区门禁控制器): environment variable"
                + " SHARPEYES_TEST_UNSET_GATE_USER is not set — the gate adapter will not start"
                + " without it");
  }

  static Path write(Path dir, String yaml) throws IOException {
    return Files.writeString(dir.resolve("edge-agent.yaml"), yaml);
  }

  private static void writeCertificate(Path file) throws Exception {
    KeyPair pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
    Files.write(
        file,
        new SelfSignedCertificateBuilder(pair)
            .setCommonName("test gate")
            .setApplicationUri("urn:test:gate")
            .build()
            .getEncoded());
  }
}
