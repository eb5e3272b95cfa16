package org.sharpeyes.sims.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GateCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CommandLine cli = DeviceSimsMain.commandLine();

  private int run(String... args) {
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpNamesTheDoorsTheTrafficTheScriptAndTheSecurityOptions() {
    assertThat(run("gate", "--help")).isZero();

    assertThat(out.toString())
        .contains("--doors", "--rate", "--seed", "--credentials", "--forced-share", "--held-share")
        .contains("--script", "--security", "--pki-dir", "--trust-all-clients", "--anonymous")
        .contains("--user", "--users", "--host", "--port");
  }

  @Test
  void badOptionsExitWith2AndSayWhy() {
    assertThat(run("gate", "--doors", "0")).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--doors must be 1..99, was 0");

    assertThat(run("gate", "--security", "strong")).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--security must be one of none, sign, sign-encrypt, all");

    assertThat(run("gate", "--anonymous", "false")).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("no one could log in");

    assertThat(run("gate", "--first-device-id", "4307")).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--first-device-id must be 20 digits");
  }

  @Test
  void aScriptWithAnErrorIsRefusedWithItsPathBeforeServing() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("gate.yaml"),
            "steps:\n  - {at: 0s, door: 1, present: CARD-000132}\n  - {at: 1s, door: 5, state: open}\n");

    int exit = run("gate", "--doors", "2", "--script", script.toString());

    assertThat(exit).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(script + ": 1 problem:")
        .contains("  steps[1].door: 5 is out of range — expected 1..2");
  }

  @Test
  void theGatePrintsItsEndpointsAndServesUntilStopped() {
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    "gate",
                    "--port",
                    "0",
                    "--security",
                    "none",
                    "--pki-dir",
                    dir.resolve("pki").toString(),
                    "--rate",
                    "20",
                    "--seed",
                    "7"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> out.toString().contains("/sharpeyes/gate  None None") || exit.isDone());
    assertThat(out.toString()).matches("(?s)opc\\.tcp://127\\.0\\.0\\.1:\\d+/sharpeyes/gate.*");
    ((GateCommand) cli.getSubcommands().get("gate").getCommand()).stopped.countDown();
    assertThat(exit.join()).as(err.toString()).isZero();
    assertThat(dir.resolve("pki/own/gate-server.der")).isRegularFile();
  }
}
