package org.sharpeyes.edge.adapter.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.EdgeAgent;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.sims.gate.GateSimulatorExtension;

/** A gate device in a whole agent: the built-in adapters include it, its meters are served. */
class GateAdapterInAgentTest {

  @RegisterExtension
  static GateSimulatorExtension gate = GateSimulatorExtension.builder().doors(2).build();

  @TempDir Path dir;

  @Test
  void anAgentWatchesAGatesDoorsKeepsTheirEventsAndServesTheGateMetrics() {
    EdgeAgentConfig config =
        EdgeAgentConfig.of(
                "edge-gate-test",
                "tcp://127.0.0.1:1",
                GateFixture.device(gate.endpointUrl(), dir.resolve("opcua-pki")))
            .withEphemeralPorts()
            .withOutboxPath(dir.resolve("outbox.db"));

    try (EdgeAgent agent = EdgeAgent.start(config, Clock.systemUTC())) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> agent.status().devices().get(0).connectionState() == ConnectionState.CONNECTED);
      gate.simulator().present(1, "CARD-000132");
      gate.simulator().force(2);

      await().atMost(Duration.ofSeconds(15)).until(() -> agent.status().outbox().depth() == 2);
      var device = agent.status().devices().get(0);
      assertThat(device.kind()).isEqualTo(DeviceKind.GATE);
      assertThat(device.endpoint()).isEqualTo(gate.endpointUrl() + " (None, None)");
      String metrics = agent.meters().scrape();
      String tags = "device=\"" + GateFixture.CONTROLLER_ID + "\",edge=\"edge-gate-test\"";
      assertThat(metrics)
          .contains("sharpeyes_edge_gate_events_total{" + tags + ",kind=\"door.access\"} 1.0")
          .contains("sharpeyes_edge_gate_events_total{" + tags + ",kind=\"door.state\"} 1.0")
          .contains("sharpeyes_edge_gate_connects_total{" + tags + "} 1.0")
          .contains("sharpeyes_edge_gate_connect_attempts_total{" + tags + "} 1.0")
          .contains("sharpeyes_edge_gate_sessions_lost_total{" + tags + "} 0.0")
          .contains("sharpeyes_edge_gate_duplicates_total{" + tags + ",kind=\"door.access\"}")
          .contains("sharpeyes_edge_gate_unmapped_total{" + tags + ",field=\"credentialType\"} 0.0")
          .contains("sharpeyes_edge_gate_events_ignored_total{" + tags + "} 0.0")
          .contains("sharpeyes_edge_gate_event_ids_evicted_total{" + tags + "} 0.0")
          .contains("sharpeyes_edge_gate_doors{" + tags + "} 2.0")
          .contains("sharpeyes_edge_gate_events_per_minute{" + tags + "} 2.0");
    } finally {
      gate.simulator().close(2);
    }
  }
}
