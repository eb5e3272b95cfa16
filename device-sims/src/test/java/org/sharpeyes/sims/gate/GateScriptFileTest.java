package org.sharpeyes.sims.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.sims.yaml.InvalidFileException;

class GateScriptFileTest {

  private static final Instant START = Instant.parse("2026-11-27T02:00:00Z");

  @TempDir Path dir;

  @Test
  void aScriptWithErrorsIsRefusedWithThePathOfEveryProblem() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gate.yaml"),
            """
            loop: 5s
            steps:
              - {at: 0s, door: 1, present: CARD-000132}
              - {at: 1s, door: 3, state: open}
              - {at: 2s, door: 1, state: ajar}
              - {at: 3s, door: 2, present: CARD-000132, state: open}
              - {at: 4s, door: 1, present: PIN-0001, result: maybe, colour: red}
              - {at: 9s, door: 2, present: CARD-000133, direction: sideways}
            """);

    assertThatThrownBy(() -> GateScriptFile.read(file, 2, CredentialList.builtIn()))
        .isInstanceOf(InvalidFileException.class)
        .hasMessageStartingWith(file + ": 7 problems:")
        .satisfies(
            e ->
                assertThat(problems((InvalidFileException) e))
                    .containsExactly(
                        "steps[1].door: 3 is out of range — expected 1..2",
                        "steps[2].state: 'ajar' is not known — expected one of: closed, open,"
                            + " forced, held-open",
                        "steps[3]: needs exactly one of 'present' (a credential id) or 'state'"
                            + " (closed, open, forced, held-open)",
                        "steps[4].colour: unknown key — expected one of: at, door, present, type,"
                            + " result, direction, state",
                        "steps[4].result: 'maybe' is not known — expected one of: granted,"
                            + " denied:unknown-credential, denied:expired, denied:outside-hours,"
                            + " denied:revoked, denied:anti-passback",
                        "steps[5].direction: 'sideways' is not known — expected one of: in, out",
                        "loop: 5s is not after the last step (at 9s) — lengthen the loop or"
                            + " move the step earlier"));
  }

  @Test
  void aYamlSyntaxErrorIsRefusedWithItsLine() throws Exception {
    Path file =
        Files.writeString(dir.resolve("broken.yaml"), "steps:\n  - {at: 0s, door: 1\n  - x\n");

    assertThatThrownBy(() -> GateScriptFile.read(file, 2, CredentialList.builtIn()))
        .isInstanceOf(InvalidFileException.class)
        .hasMessageContaining(file + ": 1 problem:\n  $: not valid YAML at line 4, column 1:")
        .hasMessageContaining("(while parsing a flow mapping at line 2, column 5)");
  }

  static List<String> problems(InvalidFileException e) {
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void aScriptPlaysItsStepsAtTheirTimesAndStartsOverAfterItsLoop() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gate.yaml"),
            """
            loop: 10s
            steps:
              - {at: 0s, door: 1, present: CARD-000132, direction: in}
              - {at: 0.5s, door: 1, state: open}
              - {at: 4s, door: 1, state: closed}
              - {at: 6s, door: 2, present: CARD-900001, type: face}
              - {at: 8s, door: 2, state: forced}
            """);
    GateScript script = GateScriptFile.read(file, 2, CredentialList.builtIn());
    DoorBank bank = new DoorBank(GateSimulatorOptions.builder().build().deviceIds());
    List<String> events = new ArrayList<>();
    bank.addListener(e -> events.add(e.time() + " " + e.describe()));
    ScriptedActivity activity = new ScriptedActivity(script, bank, START);

    activity.advanceTo(START.plusSeconds(10));

    assertThat(events)
        .containsExactly(
            "2026-11-27T02:00:00Z Door01 credential CARD-000132 card granted in closed",
            "2026-11-27T02:00:00.500Z Door01 state open",
            "2026-11-27T02:00:04Z Door01 state closed",
            "2026-11-27T02:00:06Z Door02 credential CARD-900001 face denied:unknown-credential in"
                + " closed",
            "2026-11-27T02:00:08Z Door02 state forced",
            "2026-11-27T02:00:10Z Door01 credential CARD-000132 card granted in closed");
    assertThat(activity.finished()).isFalse();
  }
}
