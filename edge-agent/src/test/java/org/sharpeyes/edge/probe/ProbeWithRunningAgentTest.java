package org.sharpeyes.edge.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.EdgeAgent;
import org.sharpeyes.edge.cli.EdgeAgentMain;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;
import org.sharpeyes.edge.health.DeviceAvailability;
import org.sharpeyes.schema.event.DeviceStatus.Availability;

/**
 * A plate reader's probe reads the running agent's {@code /status}; the same agent's health monitor
 * shows the reader's availability there.
 */
class ProbeWithRunningAgentTest {

  static final String READER = "43070200001320000101";

  static final String READ =
      "{\"plate\":\"湘J·A1234\",\"color\":\"蓝\",\"time\":\"2026-11-27T10:15:30+08:00\","
          + "\"confidence\":0.93}";

  @TempDir Path dir;

  final StringWriter out = new StringWriter();

  @Test
  void aPlateReaderThatPushedIsReportedWithItsLastEventAndOnline() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("edge.yaml"),
            """
            edgeId: edge-probe-02
            broker: { url: "tcp://127.0.0.1:1" }
            status: { host: 127.0.0.1, port: 0 }
            outbox: { path: "%s" }
            health: { grace: 0s, period: 1s, hold: 0s }
            devices:
              - id: "%s"
                kind: plate-reader
                plateHttp: { host: 127.0.0.1, port: 0, path: /plates }
            """
                .formatted(dir.resolve("outbox.db"), READER));
    EdgeAgentConfig config = EdgeAgentConfigLoader.load(file).orThrow();
    try (EdgeAgent agent = EdgeAgent.builder(config).environment(Map.of()).start()) {
      String[] args = {
        "probe",
        "--config",
        file.toString(),
        "--device",
        READER,
        "--status-port",
        String.valueOf(agent.statusPort()),
        "--device-port",
        READER + "=" + agent.devicePort(READER)
      };
      int before = EdgeAgentMain.execute(new PrintWriter(out), new PrintWriter(out), args);

      assertThat(before).isEqualTo(3);
      assertThat(out.toString())
          .contains("nothing received since the agent started")
          .contains(
              "configure the device to send to http://127.0.0.1:"
                  + agent.devicePort(READER)
                  + "/plates");

      HttpResponse<String> posted =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + agent.devicePort(READER) + "/plates"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(READ))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
      out.getBuffer().setLength(0);

      int after = EdgeAgentMain.execute(new PrintWriter(out), new PrintWriter(out), args);

      assertThat(after).as(out.toString()).isZero();
      assertThat(out.toString())
          .contains("OK      plate-reader " + READER)
          .contains("sends to http://127.0.0.1:" + agent.devicePort(READER) + "/plates; ")
          .contains("last event ");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(agent.status().availability())
                      .extracting(DeviceAvailability::deviceId, DeviceAvailability::reported)
                      .containsExactly(
                          org.assertj.core.groups.Tuple.tuple(READER, Availability.ONLINE)));
      assertThat(agent.meters().scrape())
          .contains(
              "sharpeyes_edge_device_status_total{edge=\"edge-probe-02\",status=\"online\"} 1.0");
    }
  }
}
