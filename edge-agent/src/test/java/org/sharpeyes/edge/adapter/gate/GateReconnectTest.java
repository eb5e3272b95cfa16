package org.sharpeyes.edge.adapter.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sharpeyes.edge.adapter.gate.GateFixture.DOOR_1;
import static org.sharpeyes.edge.adapter.gate.GateFixture.DOOR_2;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.RuntimeState;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.sims.gate.GateSimulatorExtension;

/**
 * A controller that restarts (every client dropped, the server bound again on the same port): the
 * adapter opens a new session with a new subscription, and what changes afterwards arrives once.
 */
class GateReconnectTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

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

  @Test
  void afterTheControllerRestartsEveryChangeArrivesAndNoneArrivesTwice() {
    GateAdapter adapter = fixture.adapter(GateFixture.device(gate.endpointUrl(), pki));
    adapter.start().join();
    await().atMost(WAIT).until(() -> adapter.counters().connects() == 1);
    gate.simulator().present(1, "CARD-000132");
    gate.simulator().force(2);
    await().atMost(WAIT).until(() -> fixture.accesses().size() == 1);
    await().atMost(WAIT).until(() -> fixture.states(DOOR_2).size() == 1);

    gate.restart();
    gate.simulator().close(2); // may happen before the adapter is back: it compares on return
    await().atMost(WAIT).until(() -> adapter.counters().connects() == 2);
    List<String> presented = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String card = String.format("CARD-9%05d", i);
      gate.simulator().present(1 + i % 2, card);
      presented.add(card);
    }
    gate.simulator().force(1);
    gate.simulator().close(1);
    gate.simulator().holdOpen(2);

    await().atMost(WAIT).until(() -> fixture.accesses().size() == 41);
    await().atMost(WAIT).until(() -> fixture.states(DOOR_2).size() == 3);
    await().atMost(WAIT).until(() -> fixture.states(DOOR_1).size() == 2);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(WAIT)
        .until(() -> fixture.events().size() == 41 + 5);
    var perCredential =
        fixture.accesses().stream()
            .collect(Collectors.groupingBy(DoorAccess::credentialId, Collectors.counting()));
    assertThat(perCredential.keySet()).containsAll(presented).contains("CARD-000132");
    assertThat(perCredential.values()).containsOnly(1L);
    assertThat(fixture.states(DOOR_1))
        .containsExactly(DoorState.State.FORCED, DoorState.State.CLOSED);
    assertThat(fixture.states(DOOR_2))
        .containsExactly(DoorState.State.FORCED, DoorState.State.CLOSED, DoorState.State.HELD_OPEN);
    assertThat(adapter.counters().sessionsLost()).isEqualTo(1);
    assertThat(fixture.events().stream().map(e -> e.id()).collect(Collectors.toSet()))
        .hasSize(fixture.events().size());
  }

  @Test
  void aRestartShowsAsALostSessionThenTheAdapterIsConnectedAgain() {
    GateAdapter adapter = fixture.adapter(GateFixture.device(gate.endpointUrl(), pki));
    adapter.start().join();
    await().atMost(WAIT).until(() -> adapter.counters().connects() == 1);

    gate.restart();

    await().atMost(WAIT).until(() -> adapter.counters().connects() == 2);
    var status = adapter.status();
    assertThat(status.runtimeState()).isEqualTo(RuntimeState.STARTED);
    assertThat(status.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    // The loss itself, or a retry that found the port not yet bound again.
    assertThat(status.lastError()).isNotNull();
    assertThat(
            fixture.meter("sharpeyes.edge.gate.sessions.lost", "device", GateFixture.CONTROLLER_ID))
        .isEqualTo(1);
    gate.simulator().present(2, "CARD-000174");
    await().atMost(WAIT).until(() -> fixture.accesses().size() == 1);
    assertThat(fixture.accesses().get(0).doorId()).isEqualTo(DOOR_2);
  }
}
