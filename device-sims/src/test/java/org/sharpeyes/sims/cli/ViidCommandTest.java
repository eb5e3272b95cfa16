package org.sharpeyes.sims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.sims.viid.FakeViidPlatform;
import picocli.CommandLine;

class ViidCommandTest {

  private static final String DEVICE = "43070200001320000201";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CommandLine cli = DeviceSimsMain.commandLine();
  private FakeViidPlatform platform;

  @BeforeEach
  void startPlatform() throws Exception {
    platform = new FakeViidPlatform(Map.of(DEVICE, "right"));
  }

  @AfterEach
  void stopPlatform() {
    platform.close();
  }

  private int run(String... args) {
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void printsEveryObjectsStatusAndTheSummary() {
    int exit =
        run(
            "viid",
            "--url",
            platform.url().toString(),
            "--device-id",
            DEVICE,
            "--password",
            "right",
            "--count",
            "4",
            "--batch",
            "2",
            "--rate",
            "100",
            "--seed",
            "3",
            "--picture-kib",
            "8");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("registered (1)")
        .contains("sent      4 objects in 2 requests", "ok        4");
    assertThat(out.toString().lines().filter(l -> l.startsWith("vehicle 湘J") && l.endsWith("→ OK")))
        .hasSize(4);
    assertThat(platform.batchSizes).containsExactly(2, 2);
  }

  @Test
  void aRefusedPasswordExitsWith3AndSaysSo() {
    int exit =
        run(
            "viid",
            "--url",
            platform.url().toString(),
            "--device-id",
            DEVICE,
            "--password",
            "wrong",
            "--count",
            "4");

    assertThat(exit).isEqualTo(DeviceSimsMain.EXIT_RUN_FAILED);
    assertThat(err.toString()).contains("refused device " + DEVICE, "check the password");
    assertThat(platform.objects).isEmpty();
  }

  @Test
  void badOptionsExitWith2AndSayWhy() {
    assertThat(
            run("viid", "--device-id", DEVICE, "--password-env", "SHARPEYES_TEST_UNSET_VARIABLE"))
        .isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("SHARPEYES_TEST_UNSET_VARIABLE, which is not set");

    assertThat(run("viid", "--device-id", DEVICE, "--password", "x", "--kind", "face"))
        .isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("needs portraits (--portraits DIR)");

    assertThat(run("viid", "--device-id", "4307", "--password", "x"))
        .isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("20 digits");

    assertThat(
            run("viid", "--device-id", DEVICE, "--password", "x", "--url", "http://10.1.2.3:8088"))
        .isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--allow-remote");
  }

  @Test
  void helpNamesTheOptions() {
    assertThat(run("viid", "--help")).isZero();
    assertThat(out.toString())
        .contains("--url", "--device-id", "--password-env", "--kind", "--rate", "--count")
        .contains("--duration", "--batch", "--keepalive", "--hotlist", "--hotlist-share")
        .contains("--misread-share", "--portraits", "--picture-kib", "--seed")
        .contains("--stop-keepalive-after");
  }
}
