package org.sharpeyes.edge.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.camera.TestVideos;
import org.sharpeyes.edge.cli.EdgeAgentMain;
import org.sharpeyes.edge.http.HttpReplies;
import org.sharpeyes.edge.testing.FakeMqttBroker;
import org.sharpeyes.sims.gate.GateSimulatorExtension;

/** {@code edge-agent probe} against real parts started here: files, a gate simulator, a broker. */
class ProbeCommandTest {

  static final String READER = "43070200001320000101";
  static final String CAMERA = "43070200001320000001";
  static final String GATE = "43070200001170000001";

  @RegisterExtension
  static GateSimulatorExtension gate = GateSimulatorExtension.builder().doors(2).build();

  @TempDir Path dir;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int probe(Path config, String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "probe";
    args[1] = "--config";
    args[2] = config.toString();
    System.arraycopy(more, 0, args, 3, more.length);
    return EdgeAgentMain.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path config(String brokerUrl, int statusPort, String devices) throws IOException {
    return Files.writeString(
        dir.resolve("edge.yaml"),
        """
        edgeId: edge-probe-01
        broker: { url: "%s" }
        status: { host: 127.0.0.1, port: %d }
        devices:
        %s"""
            .formatted(brokerUrl, statusPort, devices.indent(2)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String plateReader(int port) {
    return """
        - id: "%s"
          kind: plate-reader
          plateHttp: { host: 127.0.0.1, port: %d, path: /plates }
        """
        .formatted(READER, port);
  }

  private static String camera(String source) {
    return """
        - id: "%s"
          name: 火车站进站口
          kind: camera
          camera: { source: "%s", watchdog: 3s }
        """
        .formatted(CAMERA, source);
  }

  private String gateDevice(String... lines) {
    StringBuilder b =
        new StringBuilder(
            """
            - id: "%s"
              kind: gate
              gate:
                endpoint: %s
                securityPolicy: None
                securityMode: None
                pkiDir: %s
                profile: sharpeyes-gate-sim
            """
                .formatted(GATE, gate.endpointUrl(), dir.resolve("pki")));
    for (String line : lines) {
      b.append("    ").append(line).append('\n');
    }
    return b.toString();
  }

  @Test
  void aPlateReaderWithoutARunningAgentSaysSoAndWhatToConfigure() throws IOException {
    int statusPort = freePort();
    Path config = config("tcp://127.0.0.1:1", statusPort, plateReader(18081));

    int code = probe(config, "--device", READER);

    assertThat(code).isEqualTo(3);
    assertThat(out.toString())
        .contains("UNKNOWN plate-reader " + READER)
        .contains(
            "the agent is not running here (nothing answers on http://127.0.0.1:" + statusPort)
        .contains("configure the device to send to http://127.0.0.1:18081/plates")
        .contains("1 checks: 0 OK, 0 failed, 1 not checkable now");
  }

  @Test
  void aCameraIsReadAndMeasured() throws Exception {
    Path video = TestVideos.movingBox(dir.resolve("box.mp4"), 320, 240, 25, 2);
    Path config = config("tcp://127.0.0.1:1", freePort(), camera(video.toString()));

    int code = probe(config, "--device", CAMERA, "--camera-seconds", "1", "--json");

    assertThat(code).as(out.toString()).isZero();
    JsonNode doc = HttpReplies.mapper().readTree(out.toString());
    assertThat(doc.path("ok").asBoolean()).isTrue();
    JsonNode facts = doc.path("results").get(0).path("facts");
    assertThat(facts.path("codec").asText()).isEqualTo("mpeg4");
    assertThat(facts.path("width").asInt()).isEqualTo(320);
    assertThat(facts.path("height").asInt()).isEqualTo(240);
    assertThat(facts.path("frames").asLong()).isPositive();
    assertThat(facts.path("nominalFps").asDouble()).isEqualTo(25.0);
  }

  @Test
  void aCameraThatCannotBeOpenedFailsWithTheReasonAndTheFix() throws IOException {
    Path config =
        config("tcp://127.0.0.1:1", freePort(), camera("http://127.0.0.1:1/stream.mjpeg"));

    int code = probe(config, "--device", CAMERA);

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("FAILED  camera " + CAMERA + " (火车站进站口): cannot open http://127.0.0.1:1/")
        .contains("connection refused")
        .contains("is the camera on and the port right?");
  }

  @Test
  void aGateListsTheDoorsItFinds() throws IOException {
    Path config = config("tcp://127.0.0.1:1", freePort(), gateDevice());

    int code = probe(config, "--device", GATE);

    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("OK      gate " + GATE)
        .contains("2 doors found (Door01 → ");
  }

  @Test
  void aGateWhoseConfiguredDoorIsMissingFails() throws IOException {
    Path config =
        config(
            "tcp://127.0.0.1:1",
            freePort(),
            gateDevice(
                "doors:",
                "  - { node: Door01, id: \"43070200001340000001\" }",
                "  - { node: Door07, id: \"43070200001340000007\" }"));

    int code = probe(config, "--device", GATE);

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("1 doors found")
        .contains("door Door07 (doors) not found under")
        .contains("— check gate.doors against the controller's door names");
  }

  @Test
  void theBrokerAcknowledgesAPublishAndAnUnreachableOneFails() throws Exception {
    try (FakeMqttBroker broker = FakeMqttBroker.start()) {
      Path config = config(broker.url(), freePort(), plateReader(18082));

      int code = probe(config);

      assertThat(out.toString())
          .contains("OK      broker " + broker.url() + ": connected as anonymous")
          .contains("QoS 1 publish to sharpeyes/v1/edge/edge-probe-01/probe acknowledged");
      assertThat(code).isEqualTo(3); // the plate reader cannot be checked without the agent
    }
    out.getBuffer().setLength(0);
    Path config = config("tcp://127.0.0.1:" + freePort(), freePort(), plateReader(18082));

    int code = probe(config);

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("FAILED  broker tcp://127.0.0.1:")
        .contains("— is the broker running, is broker.url right");
  }
}
