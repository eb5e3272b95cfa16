package org.sharpeyes.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeAgentMainTest {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @Test
  void validatingTheShippedConfigSaysOkWithTheDeviceCount() {
    int code = run("validate", "--config", "../config/edge-agent.yaml");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("OK: 3 devices (edge edge-wuling-01");
  }

  @Test
  void validatingABadFileListsEveryProblemAndExitsWithTwo(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("edge.yaml"),
            """
            edgeId: edge-1
            broker: { urll: tcp://127.0.0.1:1883 }
            devices:
              - { id: "43070200001320000101", kind: plate-reader, plateHttp: { port: 70000 } }
            """);

    int code = run("validate", "--config", file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(file + ": 3 problems:")
        .contains("  broker.urll: unknown key — did you mean 'url'?")
        .contains("  broker.url: missing")
        .contains("  devices[0].plateHttp.port: 70000 is out of range — expected 0..65535");
  }

  @Test
  void runRefusesAnInvalidConfigWithoutStartingAnything(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("edge.yaml"), "edgeId: edge-1\n");

    int code = run("run", "--config", file.toString(), "--status-port", "0");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("broker: missing");
  }

  @Test
  void eachCommandExplainsItsOptions() {
    assertThat(run("run", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--config=FILE",
            "--broker-url=URL",
            "--status-port=PORT",
            "--device-port",
            "--outbox-path=FILE");
    assertThat(run("validate", "--help")).isZero();
    assertThat(out.toString()).contains("Checks a config file");
  }

  @Test
  void withoutACommandItSaysWhichOnesThereAre() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("choose a command: run, validate or probe");
  }

  private int run(String... args) {
    return EdgeAgentMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }
}
