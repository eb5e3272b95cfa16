package org.sharpeyes.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.edge.config.EdgeAgentConfigLoaderTest.problems;
import static org.sharpeyes.edge.config.GateConfigTest.ACME_PROFILE;
import static org.sharpeyes.edge.config.GateConfigTest.GATE;
import static org.sharpeyes.edge.config.GateConfigTest.gate;
import static org.sharpeyes.edge.config.GateConfigTest.withGateKeys;
import static org.sharpeyes.edge.config.GateConfigTest.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.gate.GateProfile;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;

/** Gate device profiles: the built-in one, and another controller model described by a file. */
class GateProfileConfigTest {

  @Test
  void theBuiltInProfileDescribesTheSimulatedController() {
    GateProfile p = gate(EdgeAgentConfigLoader.parse(GATE)).profile();

    assertThat(p.namespaceUri()).isEqualTo("urn:sharpeyes:device-sims:gate");
    assertThat(p.controllerPath()).containsExactly("AccessController");
    assertThat(p.isDoor("Door07")).isTrue();
    assertThat(p.isDoor("DoorCount")).isFalse();
    assertThat(p.doorIdProperty()).isEqualTo("DeviceId");
    assertThat(p.variables().state()).isEqualTo("State");
    assertThat(p.event().typeId()).isEqualTo("s=AccessEventType");
    assertThat(p.event().fields().credentialType()).isEqualTo("CredentialType");
    assertThat(p.values().state()).containsEntry("held-open", DoorState.State.HELD_OPEN);
    assertThat(p.values().credentialType()).doesNotContainKey("fingerprint");
  }

  @Test
  void aProfileFileDescribesAnotherControllerModelInItsOwnWords(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(dir.resolve("profiles/acme-ac2000.yaml"), ACME_PROFILE);
    String yaml =
        withGateKeys("  doors: [{ node: Gate-A, id: \"43070200001340000011\" }]")
            .replace("sharpeyes-gate-sim", "profiles/acme-ac2000.yaml");

    GateProfile p = gate(EdgeAgentConfigLoader.load(write(dir, yaml))).profile();

    assertThat(p.name()).isEqualTo("profiles/acme-ac2000.yaml");
    assertThat(p.controllerPath()).containsExactly("Site", "Doors");
    assertThat(p.doorIdProperty()).isNull();
    assertThat(p.isDoor("anything")).isTrue();
    assertThat(p.event().typeId()).isEqualTo("i=5001");
    assertThat(p.event().fields().door()).isNull();
    assertThat(p.values().state()).containsEntry("HeldOpen", DoorState.State.HELD_OPEN);
    assertThat(p.values().result()).containsEntry("Granted", DoorAccess.Result.GRANTED);
    assertThat(p.values().direction()).containsEntry("in", DoorAccess.Direction.IN);
  }

  @Test
  void aProfileWithoutDoorIdsNeedsEveryDoorListedWithItsId(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("acme.yaml"), ACME_PROFILE);
    String unlisted = GATE.replace("sharpeyes-gate-sim", "acme.yaml");
    String withoutId =
        withGateKeys("  doors: [{ node: Gate-A }]").replace("sharpeyes-gate-sim", "acme.yaml");

    assertThat(problems(EdgeAgentConfigLoader.load(write(dir, unlisted))))
        .containsExactly(
            "devices[0].gate.doors: missing — profile acme.yaml reads no door id: list the doors,"
                + " e.g. doors: [{ node: Door01, id: \"43070200001340000001\" }]");
    assertThat(problems(EdgeAgentConfigLoader.load(write(dir, withoutId))))
        .containsExactly(
            "devices[0].gate.doors[0].id: missing — the profile reads no door id: give it, e.g."
                + " id: \"…\"");
  }

  @Test
  void aProfileFileWithMistakesIsRefusedNamingThePlaceInsideIt(@TempDir Path dir)
      throws IOException {
    String broken =
        ACME_PROFILE
            .replace("typeId: i=5001", "typeId: AccessEvent")
            .replace("credentialId: CardNo", "credentialNo: CardNo")
            .replace("HeldOpen: held-open", "HeldOpen: propped")
            .replace("browsePath: [Site, Doors]", "browsePath: []");
    Files.writeString(dir.resolve("acme.yaml"), broken);
    String yaml = GATE.replace("sharpeyes-gate-sim", "acme.yaml");

    assertThat(problems(EdgeAgentConfigLoader.load(write(dir, yaml))))
        .containsExactlyInAnyOrder(
            "devices[0].gate.profile: acme.yaml: controller.browsePath: expected 1 or more browse"
                + " names, none of them blank",
            "devices[0].gate.profile: acme.yaml: event.typeId: 'AccessEvent' — write s=<string"
                + " id> or i=<number>",
            "devices[0].gate.profile: acme.yaml: event.fields.credentialNo: unknown key — did you"
                + " mean 'credentialId'?",
            "devices[0].gate.profile: acme.yaml: event.fields.credentialId: missing — the browse"
                + " name of the event field",
            "devices[0].gate.profile: acme.yaml: values.state.HeldOpen: 'propped' is not one of"
                + " ours — expected closed, open, forced, held-open");
  }
}
