package org.sharpeyes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;
import org.sharpeyes.ingest.config.AccessRulesConfig;
import org.sharpeyes.sims.gate.GateSimulatorExtension;

/**
 * Access control end to end: a scripted scenario at a simulated two-door controller (OPC UA) goes
 * through the edge-agent's gate adapter, the broker and the ingest-server, and raises exactly the
 * four access alerts it should — a door forced, a door held open, a burst of denials, a key person
 * let in off hours — each naming its door, site, grid and, where one is involved, the key person.
 */
abstract class GateAlertEndToEndContract {

  /** 柳湾小区东门门禁 and 桂园小区南门门禁 (devices.csv), the simulator's doors 1 and 2. */
  static final String EAST_GATE = "43070200001340000001";

  static final String SOUTH_GATE = "43070200001340000002";
  static final String KP0001_CARD = "CARD-000132";

  @RegisterExtension
  static final GateSimulatorExtension GATE = GateSimulatorExtension.builder().doors(2).build();

  @TempDir Path dir;
  private RunningPipeline pipeline;

  abstract TestPair pair();

  @AfterEach
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void aScriptedScenarioRaisesTheFourAccessAlertsAndNothingElse() throws Exception {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    LocalTime now = LocalTime.now(zone);
    // Allowed hours that exclude now, so a key person let in now is let in off hours.
    AccessRulesConfig rules =
        new AccessRulesConfig(
            3,
            Duration.ofMinutes(1),
            Duration.ofSeconds(5),
            now.plusHours(2),
            now.plusHours(3),
            zone,
            Set.of());
    pipeline =
        new RunningPipeline(
            pair(), dir.resolve("data"), c -> c.withAccessRules(rules), gateDevice());
    await("the gate adapter connected")
        .atMost(Duration.ofSeconds(30))
        .until(() -> gateStatus() == ConnectionState.CONNECTED);

    var sim = GATE.simulator();
    // Connected is not yet subscribed on a busy machine: present a card nobody cares about
    // (granted,
    // no key person's) until one reaches the server, so the scenario starts on a live pipeline.
    await("the gate's events reach the server")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              sim.present(2, "CARD-000100");
              return pipeline.getJson("/api/events?device=" + SOUTH_GATE).get("count").asInt() > 0;
            });
    sim.present(1, KP0001_CARD); // granted: a key person, off hours
    sim.open(1); // and left open: held
    sim.force(2);
    sim.close(2);
    sim.present(2, "CARD-900001"); // three unknown cards at one door: a burst of denials
    sim.present(2, "CARD-900002");
    sim.present(2, "CARD-900003");

    await("four alerts").atMost(Duration.ofSeconds(30)).until(() -> alerts().size() == 4);
    sim.close(1);
    // Nothing more comes of it: the door closing, the events settling.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> alerts().size() == 4);

    Map<String, JsonNode> byRule = alerts();
    assertThat(byRule)
        .containsOnlyKeys("door-forced", "door-held", "access-denied-burst", "off-hours-access");
    assertDoor(byRule.get("door-forced"), SOUTH_GATE, "桂园小区南门门禁");
    assertDoor(byRule.get("door-held"), EAST_GATE, "柳湾小区东门门禁");
    assertDoor(byRule.get("access-denied-burst"), SOUTH_GATE, "桂园小区南门门禁");
    JsonNode offHours = byRule.get("off-hours-access");
    assertThat(offHours.get("personId").asText()).isEqualTo("KP0001");
    assertThat(offHours.get("device").get("id").asText()).isEqualTo(EAST_GATE);
    assertThat(offHours.get("reason").asText()).contains("柳湾小区东门门禁", KP0001_CARD);
    assertThat(offHours.get("grid").get("code").asText()).isNotBlank();
  }

  private static void assertDoor(JsonNode alert, String doorId, String name) {
    assertThat(alert.get("subject").get("type").asText()).isEqualTo("door");
    assertThat(alert.get("subject").get("key").asText()).isEqualTo(doorId);
    assertThat(alert.get("subject").get("label").asText()).startsWith(name);
    assertThat(alert.get("device").get("id").asText()).isEqualTo(doorId);
    assertThat(alert.get("grid").get("code").asText()).isNotBlank();
  }

  private Map<String, JsonNode> alerts() throws Exception {
    Map<String, JsonNode> byRule = new HashMap<>();
    for (JsonNode a : pipeline.getJson("/api/alerts?region=430702").get("alerts")) {
      byRule.merge(
          a.get("rule").asText(),
          a,
          (x, y) -> {
            throw new AssertionError("two " + x.get("rule") + " alerts: " + x + " and " + y);
          });
    }
    return byRule;
  }

  private ConnectionState gateStatus() {
    return pipeline.agent().status().devices().stream()
        .filter(d -> d.kind() == DeviceKind.GATE)
        .map(d -> d.connectionState())
        .findFirst()
        .orElse(ConnectionState.DISCONNECTED);
  }

  /** The controller as an installer writes it in edge-agent.yaml. */
  private DeviceConfig gateDevice() {
    String yaml =
        """
        edgeId: edge-wuling-01
        broker: { url: tcp://127.0.0.1:1883 }
        devices:
          - id: "43070200001170000001"
            name: 柳湾小区门禁控制器
            kind: gate
            gate:
              endpoint: %s
              securityPolicy: None
              securityMode: None
              pkiDir: %s
              profile: sharpeyes-gate-sim
        """
            .formatted(GATE.endpointUrl(), dir.resolve("opcua-pki"));
    return EdgeAgentConfigLoader.parse(yaml).orThrow().devices().get(0);
  }
}
