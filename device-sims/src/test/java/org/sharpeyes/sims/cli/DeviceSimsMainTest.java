package org.sharpeyes.sims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.sims.testing.FakeEdge;
import picocli.CommandLine;

class DeviceSimsMainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private FakeEdge edge;

  @AfterEach
  void stopEdge() {
    if (edge != null) {
      edge.close();
    }
  }

  private int run(String... args) {
    CommandLine cli = DeviceSimsMain.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void plateHelpListsItsOptions() {
    assertThat(run("plate", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--target",
            "--device-id",
            "--rate",
            "--count",
            "--hot-share",
            "--raw-styles",
            "--snapshot");
  }

  @Test
  void loadHelpListsItsOptions() {
    assertThat(run("load", "--help")).isZero();
    assertThat(out.toString())
        .contains("--stream", "--duration", "--step", "--rates", "--json", "--allow-remote");
  }

  @Test
  void cameraHelpListsItsOptionsAndBadOnesAreRefusedBeforeServing() {
    assertThat(run("camera", "--help")).isZero();
    assertThat(out.toString()).contains("--port", "--fps", "--size", "--face", "--stay", "--seed");

    assertThat(run("camera", "--size", "wide")).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--size must be WxH");
    assertThat(run("camera", "--fps", "120")).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--fps must be 1..30");
    assertThat(run("camera", "--face", "no-such-photo.jpg:p-1"))
        .isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--face: cannot read no-such-photo.jpg");
  }

  @Test
  void plateSendsTheCountAndPrintsASummary() {
    edge = new FakeEdge();

    int exit =
        run(
            "plate",
            "--target",
            edge.platesUri().toString(),
            "--device-id",
            "43070200001320000101",
            "--rate",
            "200",
            "--count",
            "12",
            "--seed",
            "3",
            "--hotlist",
            "../config/demo-city/plate-hotlist.csv",
            "--hot-share",
            "0.5",
            "--raw-styles");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(edge.received()).hasSize(12);
    assertThat(out.toString()).contains("sent      12").contains("2xx       12");
  }

  @Test
  void aDeviceIdThatIsNotTwentyDigitsIsRejectedBeforeAnythingIsSent() {
    edge = new FakeEdge();

    int exit = run("plate", "--target", edge.platesUri().toString(), "--device-id", "4307-bad");

    assertThat(exit).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--device-id").contains("20 digits");
    assertThat(edge.received()).isEmpty();
  }

  @Test
  void aRemoteTargetIsRefusedUnlessAllowed() {
    int exit =
        run(
            "load",
            "--target",
            "http://example.com/plates",
            "--device-id",
            "43070200001320000101",
            "--stream",
            "http://127.0.0.1:1/api/alerts/stream",
            "--rate",
            "10");

    assertThat(exit).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("example.com").contains("--allow-remote");
  }

  @Test
  void loopbackNamesAndAddressesCountAsLocal() {
    assertThat(LoopbackTargets.isLoopback(URI.create("http://localhost:8081/plates"))).isTrue();
    assertThat(LoopbackTargets.isLoopback(URI.create("http://127.0.0.1:8081/plates"))).isTrue();
    assertThat(LoopbackTargets.isLoopback(URI.create("http://127.1.2.3/plates"))).isTrue();
    assertThat(LoopbackTargets.isLoopback(URI.create("http://[::1]:8081/plates"))).isTrue();
    assertThat(LoopbackTargets.isLoopback(URI.create("http://10.0.0.5:8081/plates"))).isFalse();
    assertThat(LoopbackTargets.isLoopback(URI.create("http://localhost.example.com/plates")))
        .isFalse();
  }

  @Test
  void stepModeWithoutRatesIsABadInput() {
    int exit =
        run(
            "load",
            "--target",
            "http://127.0.0.1:1/plates",
            "--device-id",
            "43070200001320000101",
            "--stream",
            "http://127.0.0.1:1/api/alerts/stream",
            "--step");

    assertThat(exit).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--step needs --rates");
  }

  @Test
  void durationsReadShortAndIsoForms() {
    DurationConverter converter = new DurationConverter();
    assertThat(converter.convert("60s")).hasSeconds(60);
    assertThat(converter.convert("500ms")).hasMillis(500);
    assertThat(converter.convert("2m")).hasMinutes(2);
    assertThat(converter.convert("PT90S")).hasSeconds(90);
  }
}
