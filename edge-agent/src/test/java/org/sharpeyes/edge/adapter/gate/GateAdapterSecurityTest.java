package org.sharpeyes.edge.adapter.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sharpeyes.edge.adapter.gate.GateFixture.DOOR_1;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.RuntimeState;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.sims.gate.GateSecurity;
import org.sharpeyes.sims.gate.GateSimulatorExtension;

/**
 * Basic256Sha256 with Sign and with SignAndEncrypt, logged in as a user: the controller's
 * certificate is in our trust list (given in the config), ours in the controller's.
 */
class GateAdapterSecurityTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Map<String, String> ENV =
      Map.of("GATE_USER", "guard", "GATE_PASSWORD", "s3cret-for-tests");

  @RegisterExtension
  static GateSimulatorExtension gate =
      GateSimulatorExtension.builder()
          .doors(1)
          .security(GateSecurity.ALL)
          .options(o -> o.anonymous(false).user("guard", "s3cret-for-tests"))
          .build();

  @TempDir static Path pki;
  @TempDir static Path configDir;
  private static Path serverCertificate;
  private final GateFixture fixture = new GateFixture();

  @BeforeAll
  static void trustEachOther() throws Exception {
    serverCertificate =
        Files.write(configDir.resolve("gate-sim.der"), gate.serverCertificate().getEncoded());
    GateCertificates ours =
        GateCertificates.open(pki, "urn:sharpeyes:edge-agent:edge-test", List.of(), true);
    // Written aside, then moved in: the simulator watches the directory and reads at once.
    Path aside = Files.write(configDir.resolve("edge-agent.der"), ours.certificate().getEncoded());
    Files.move(aside, gate.pkiDir().resolve("trusted/certs/edge-agent.der"));
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
    gate.simulator().close(1);
  }

  private GateAdapter start(Path pkiDir, String mode, Map<String, String> env) {
    GateAdapter adapter =
        fixture.adapter(
            GateFixture.device(
                gate.endpointUrl(),
                pkiDir,
                "securityPolicy: Basic256Sha256",
                "securityMode: " + mode,
                "usernameEnv: GATE_USER",
                "passwordEnv: GATE_PASSWORD",
                "trustedServerCertificates: [" + serverCertificate + "]"),
            env,
            new SplittableRandom(3));
    adapter.start().join();
    return adapter;
  }

  @Test
  void eventsArriveOverBasic256Sha256WithSign() {
    GateAdapter adapter = start(pki, "Sign", ENV);
    await().atMost(WAIT).until(() -> adapter.counters().connects() == 1);

    gate.simulator().present(1, "CARD-000147");
    gate.simulator().force(1);

    await().atMost(WAIT).until(() -> fixture.events().size() == 2);
    assertThat(fixture.accesses())
        .extracting(DoorAccess::doorId, DoorAccess::credentialId, DoorAccess::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(DOOR_1, "CARD-000147", "expired"));
    assertThat(fixture.states(DOOR_1)).containsExactly(DoorState.State.FORCED);
    assertThat(adapter.status().endpoint()).endsWith("(Basic256Sha256, Sign)");
  }

  @Test
  void eventsArriveOverBasic256Sha256WithSignAndEncrypt() {
    GateAdapter adapter = start(pki, "SignAndEncrypt", ENV);
    await().atMost(WAIT).until(() -> adapter.counters().connects() == 1);

    gate.simulator().present(1, "CARD-000132");
    gate.simulator().force(1);

    await().atMost(WAIT).until(() -> fixture.events().size() == 2);
    assertThat(fixture.accesses())
        .extracting(DoorAccess::credentialId, DoorAccess::result)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CARD-000132", DoorAccess.Result.GRANTED));
    assertThat(fixture.states(DOOR_1)).containsExactly(DoorState.State.FORCED);
    assertThat(adapter.status().connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void aWrongPasswordIsShownAsARefusedLoginAndRetried() {
    GateAdapter adapter =
        start(pki, "SignAndEncrypt", Map.of("GATE_USER", "guard", "GATE_PASSWORD", "guess"));

    await().atMost(WAIT).until(() -> adapter.counters().connectAttempts() >= 2);
    var status = adapter.status();
    assertThat(status.runtimeState()).isEqualTo(RuntimeState.STARTED);
    assertThat(status.connectionState()).isEqualTo(ConnectionState.ERROR);
    assertThat(status.lastError())
        .startsWith("the controller refused the login (Bad_")
        .endsWith(
            "check the user name and password in usernameEnv/passwordEnv, or whether the"
                + " controller admits anonymous clients");
  }

  @Test
  void aControllerThatDoesNotTrustOurCertificateIsToldWhichFileToTrust(@TempDir Path otherPki) {
    GateAdapter adapter = start(otherPki, "Sign", ENV);

    await().atMost(WAIT).until(() -> adapter.status().connectionState() == ConnectionState.ERROR);
    assertThat(adapter.status().lastError())
        .startsWith("the controller refused the secure channel (Bad_")
        .endsWith(
            "it may not trust our certificate — put "
                + otherPki
                + "/own/edge-agent-gate.der in the controller's trusted certificates");
    assertThat(otherPki.resolve("own/edge-agent-gate.der")).exists();
    assertThat(otherPki.resolve("own/edge-agent-gate.key")).exists();
  }
}
