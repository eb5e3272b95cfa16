package org.sharpeyes.edge.adapter.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.sharpeyes.edge.adapter.gate.GateFixture.DOOR_1;
import static org.sharpeyes.edge.adapter.gate.GateFixture.DOOR_2;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.RuntimeState;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.sims.gate.AccessDecision;
import org.sharpeyes.sims.gate.Credential;
import org.sharpeyes.sims.gate.CredentialType;
import org.sharpeyes.sims.gate.GateSimulatorExtension;
import org.sharpeyes.sims.gate.PassDirection;

/** The gate adapter against the simulated controller, on SecurityPolicy None. */
class GateAdapterTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension
  static GateSimulatorExtension gate = GateSimulatorExtension.builder().doors(2).build();

  @TempDir Path pki;
  private final GateFixture fixture = new GateFixture();

  @AfterEach
  void stop() throws Exception {
    fixture.close();
    gate.simulator().close(1);
    gate.simulator().close(2);
  }

  private GateAdapter connected(String... lines) {
    GateAdapter adapter = fixture.adapter(GateFixture.device(gate.endpointUrl(), pki, lines));
    adapter.start().join();
    await().atMost(WAIT).until(() -> adapter.counters().connects() == 1);
    return adapter;
  }

  @Test
  void aGrantedAndADeniedPresentationBecomeDoorAccessEventsOfTheirDoor() {
    connected();

    gate.simulator().present(1, "CARD-000132");
    gate.simulator().present(2, "CARD-000147");

    await().atMost(WAIT).until(() -> fixture.accesses().size() == 2);
    assertThat(fixture.accesses())
        .containsExactlyInAnyOrder(
            new DoorAccess(
                DOOR_1,
                DoorAccess.CredentialType.CARD,
                "CARD-000132",
                DoorAccess.Result.GRANTED,
                null,
                DoorAccess.Direction.IN),
            new DoorAccess(
                DOOR_2,
                DoorAccess.CredentialType.CARD,
                "CARD-000147",
                DoorAccess.Result.DENIED,
                "expired",
                DoorAccess.Direction.IN));
    assertThat(fixture.events())
        .allSatisfy(
            e -> {
              assertThat(e.deviceId()).isEqualTo(((DoorAccess) e.data()).doorId());
              assertThat(e.edgeId()).isEqualTo("edge-test");
            });
  }

  @Test
  void anEventCarriesTheTimeTheControllerSawIt() {
    connected();

    var presented = gate.simulator().present(1, "FACE-0003");

    await().atMost(WAIT).until(() -> fixture.events().size() == 1);
    EdgeEvent event = fixture.events().get(0);
    // OPC UA's DateTime counts 100 ns ticks.
    assertThat(event.time()).isCloseTo(presented.time(), within(100, ChronoUnit.NANOS));
    assertThat(((DoorAccess) event.data()).credentialType())
        .isEqualTo(DoorAccess.CredentialType.FACE);
  }

  @Test
  void aForcedDoorGivesOneDoorStateForcedAndTheInitialStatesGiveNone() {
    GateAdapter adapter = connected();

    gate.simulator().force(2);
    await().atMost(WAIT).until(() -> fixture.states(DOOR_2).size() == 1);
    gate.simulator().close(2);

    await().atMost(WAIT).until(() -> fixture.states(DOOR_2).size() == 2);
    assertThat(fixture.states(DOOR_2))
        .containsExactly(DoorState.State.FORCED, DoorState.State.CLOSED);
    assertThat(fixture.states(DOOR_1)).isEmpty();
    // The state event and the state variable both said so: one of each pair was held back.
    await().atMost(WAIT).until(() -> adapter.counters().stateDuplicates() == 2);
    assertThat(fixture.meter("sharpeyes.edge.gate.events", "kind", "door.state")).isEqualTo(2);
  }

  @Test
  void aCredentialTypeTheProfileDoesNotMapIsReportedAndSkipped() {
    GateAdapter adapter = connected();

    gate.simulator()
        .present(
            1,
            new Credential("FP-0042", CredentialType.FINGERPRINT, AccessDecision.GRANTED),
            PassDirection.OUT);
    gate.simulator().present(1, "PIN-0013");

    await().atMost(WAIT).until(() -> fixture.accesses().size() == 1);
    assertThat(fixture.accesses().get(0).credentialId()).isEqualTo("PIN-0013");
    assertThat(adapter.counters().unmapped("credentialType")).isEqualTo(1);
    assertThat(fixture.meter("sharpeyes.edge.gate.unmapped", "field", "credentialType"))
        .isEqualTo(1);
    assertThat(adapter.status().lastError())
        .isEqualTo(
            "door "
                + DOOR_1
                + ": credentialType 'fingerprint' is not in profile sharpeyes-gate-sim"
                + " (values.credentialType) — skipped");
    assertThat(adapter.status().counters().inputsRejected()).isEqualTo(1);
    assertThat(adapter.status().connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void statusShowsTheConnectionTheEndpointAndTheEventsOfTheLastMinute() {
    GateAdapter adapter = connected();

    gate.simulator().present(1, "QR-VISITOR-008");
    gate.simulator().holdOpen(1);

    await().atMost(WAIT).until(() -> fixture.events().size() == 2);
    var status = adapter.status();
    assertThat(status.runtimeState()).isEqualTo(RuntimeState.STARTED);
    assertThat(status.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(status.endpoint()).isEqualTo(gate.endpointUrl() + " (None, None)");
    assertThat(status.lastError()).isNull();
    await().atMost(WAIT).until(() -> adapter.status().counters().eventsAccepted() == 2);
    assertThat(adapter.eventsPerMinute()).isEqualTo(2);
    assertThat(adapter.counters().doors()).isEqualTo(2);
    assertThat(meters("sharpeyes.edge.gate.events.per.minute")).isEqualTo(2);
  }

  @Test
  void onlyTheListedDoorsAreWatchedUnderTheIdsTheConfigGivesThem() {
    GateAdapter adapter = connected("doors:", "  - { node: Door02, id: \"43070200001340000099\" }");

    gate.simulator().present(1, "CARD-000132");
    gate.simulator().present(2, "CARD-000174");

    await().atMost(WAIT).until(() -> adapter.counters().ignored() == 1);
    await().atMost(WAIT).until(() -> fixture.accesses().size() == 1);
    assertThat(fixture.accesses().get(0).doorId()).isEqualTo("43070200001340000099");
    assertThat(fixture.events().get(0).deviceId()).isEqualTo("43070200001340000099");
    assertThat(adapter.counters().doors()).isEqualTo(1);
  }

  @Test
  void aControllerWithoutEventsStillReportsPresentationsFromItsVariables(@TempDir Path dir)
      throws IOException {
    String builtIn =
        new String(
            GateAdapterTest.class
                .getResourceAsStream(
                    "/org/sharpeyes/edge/adapter/gate/profiles/sharpeyes-gate-sim.yaml")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    Path profile =
        Files.writeString(
            dir.resolve("no-events.yaml"), builtIn.substring(0, builtIn.indexOf("event:")));
    GateAdapter adapter = connected("profile: " + profile);

    gate.simulator().present(2, "CARD-000147");
    await().atMost(WAIT).until(() -> fixture.accesses().size() == 1);
    gate.simulator().force(1);

    await().atMost(WAIT).until(() -> fixture.states(DOOR_1).size() == 1);
    assertThat(fixture.accesses().get(0))
        .isEqualTo(
            new DoorAccess(
                DOOR_2,
                DoorAccess.CredentialType.CARD,
                "CARD-000147",
                DoorAccess.Result.DENIED,
                "expired",
                DoorAccess.Direction.IN));
    assertThat(fixture.states(DOOR_1)).containsExactly(DoorState.State.FORCED);
    assertThat(adapter.counters().doors()).isEqualTo(2);
  }

  @Test
  void aControllerThatIsOfflineIsNotAStartFailureAndIsTriedAgain() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GateAdapter adapter =
        fixture.adapter(GateFixture.device("opc.tcp://127.0.0.1:" + port + "/gate", pki));

    adapter.start().join();

    await().atMost(WAIT).until(() -> adapter.counters().connectAttempts() >= 3);
    var status = adapter.status();
    assertThat(status.runtimeState()).isEqualTo(RuntimeState.STARTED);
    assertThat(status.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
    assertThat(status.lastError())
        .isEqualTo(
            "connection refused by opc.tcp://127.0.0.1:"
                + port
                + "/gate: is the controller on and the port right?");
  }

  @Test
  void aMissingCredentialVariableFailsTheStartNamingIt() {
    GateAdapter adapter =
        fixture.adapter(
            GateFixture.device(
                gate.endpointUrl(), pki, "usernameEnv: GATE_USER", "passwordEnv: GATE_PASSWORD"));

    assertThat(adapter.start()).isCompletedExceptionally();
    assertThat(adapter.status().connectionState()).isEqualTo(ConnectionState.ERROR);
    assertThat(adapter.status().lastError())
        .isEqualTo(
            "environment variable GATE_USER (gate.usernameEnv) is not set: set it to the"
                + " controller's login before starting");
  }

  private double meters(String name) {
    var gauge = fixture.meters.find(name).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  static List<String> credentialIds(List<DoorAccess> accesses) {
    return accesses.stream().map(DoorAccess::credentialId).toList();
  }
}
