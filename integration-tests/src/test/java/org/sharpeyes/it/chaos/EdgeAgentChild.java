package org.sharpeyes.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An edge-agent as a child JVM ({@code edge-agent run}) with one plate reader and its own outbox
 * file, which every restart reuses. Ready means its status endpoint answers and the reader's port
 * takes connections; the broker may still be connecting.
 */
final class EdgeAgentChild extends ChildService {

  static final String MAIN = "org.sharpeyes.edge.cli.EdgeAgentMain";

  private final String edgeId;
  private final String deviceId;
  private final int statusPort;
  private final int devicePort;
  private final LoopbackHttp http;

  private EdgeAgentChild(
      ChildProcess process,
      String edgeId,
      String deviceId,
      int statusPort,
      int devicePort,
      LoopbackHttp http) {
    super(process, Duration.ofSeconds(60));
    this.edgeId = edgeId;
    this.deviceId = deviceId;
    this.statusPort = statusPort;
    this.devicePort = devicePort;
    this.http = http;
  }

  static EdgeAgentChild create(
      String edgeId,
      String deviceId,
      Path dataDir,
      Path logDir,
      URI brokerUrl,
      int statusPort,
      int devicePort,
      LoopbackHttp http)
      throws IOException {
    Files.createDirectories(dataDir);
    Path config = dataDir.resolve(edgeId + ".yaml");
    Files.writeString(config, config(edgeId, deviceId));
    List<String> args =
        List.of(
            "run",
            "--config",
            config.toString(),
            "--broker-url",
            brokerUrl.toString(),
            "--status-port",
            Integer.toString(statusPort),
            "--device-port",
            deviceId + "=" + devicePort,
            "--outbox-path",
            dataDir.resolve(edgeId + "-outbox.db").toAbsolutePath().toString());
    ChildProcess process =
        new ChildProcess(
            edgeId,
            ChildProcess.javaCommand(MAIN, args),
            Map.of(),
            logDir.resolve(edgeId + ".log"));
    return new EdgeAgentChild(process, edgeId, deviceId, statusPort, devicePort, http);
  }

  /** Broker URL, ports and outbox path are placeholders here: the command line replaces them. */
  private static String config(String edgeId, String deviceId) {
    return String.join(
        "\n",
        "# Written by the chaos test (integration-tests, ChaosIT).",
        "edgeId: " + edgeId,
        "broker:",
        "  url: tcp://127.0.0.1:1",
        "  keepAlive: 5s",
        "  reconnect: { initialDelay: 100ms, maxDelay: 1s }",
        "  maxInFlight: 100",
        "outbox:",
        "  path: outbox.db",
        "status:",
        "  host: 127.0.0.1",
        "  port: 0",
        "devices:",
        "  - id: \"" + deviceId + "\"",
        "    name: chaos reader",
        "    kind: plate-reader",
        "    plateHttp: { host: 127.0.0.1, port: 0 }",
        "");
  }

  String edgeId() {
    return edgeId;
  }

  String deviceId() {
    return deviceId;
  }

  URI plateEndpoint() {
    return URI.create("http://127.0.0.1:" + devicePort + "/plates");
  }

  /** {@code GET /status}, or empty while the agent is down. */
  Optional<JsonNode> status() {
    return http.json(URI.create("http://127.0.0.1:" + statusPort + "/status"));
  }

  Optional<String> metrics() {
    return http.text(URI.create("http://127.0.0.1:" + statusPort + "/metrics"));
  }

  @Override
  boolean ready() {
    if (status().isEmpty()) {
      return false;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", devicePort), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
