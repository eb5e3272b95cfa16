package org.sharpeyes.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest-server as a child JVM ({@code ingest-server run}), on an external broker, with its
 * store either the default H2 file under its data directory or a PostgreSQL database. Ready means
 * {@code GET /healthz} answers 200: subscribed to the broker and the store reachable.
 */
final class IngestServerChild extends ChildService {

  static final String MAIN = "org.sharpeyes.ingest.cli.IngestServerMain";

  /** Fixed, so that the broker keeps the server's session (and its messages) while it is down. */
  static final String CLIENT_ID = "chaos-ingest-1";

  private final int httpPort;
  private final LoopbackHttp http;

  private IngestServerChild(ChildProcess process, int httpPort, LoopbackHttp http) {
    super(process, Duration.ofSeconds(90));
    this.httpPort = httpPort;
    this.http = http;
  }

  /**
   * @param jdbcUrl the store; empty for the server's default H2 file under {@code dataDir}
   */
  static IngestServerChild create(
      Path dataDir,
      Path logDir,
      int httpPort,
      URI brokerUrl,
      Optional<String> jdbcUrl,
      Path referenceData,
      LoopbackHttp http)
      throws IOException {
    Files.createDirectories(dataDir);
    Path config = dataDir.resolve("ingest-server.yaml");
    Files.writeString(config, config(referenceData));
    List<String> args = new ArrayList<>();
    args.addAll(List.of("run", "--config", config.toString()));
    args.addAll(List.of("--http-port", Integer.toString(httpPort)));
    args.addAll(List.of("--broker-url", brokerUrl.toString()));
    args.addAll(List.of("--data-dir", dataDir.toString()));
    jdbcUrl.ifPresent(url -> args.addAll(List.of("--jdbc-url", url)));
    ChildProcess process =
        new ChildProcess(
            "ingest-server",
            ChildProcess.javaCommand(MAIN, args),
            Map.of(),
            logDir.resolve("ingest-server.log"));
    return new IngestServerChild(process, httpPort, http);
  }

  private static String config(Path referenceData) {
    return String.join(
        "\n",
        "# Written by the chaos test (integration-tests, ChaosIT).",
        "http:",
        "  host: 127.0.0.1",
        "broker:",
        "  clientId: " + CLIENT_ID,
        "  keepAlive: 5s",
        "  reconnect: { initialDelay: 100ms, maxDelay: 1s }",
        "referenceData: " + referenceData.toAbsolutePath(),
        "");
  }

  /** The H2 JDBC URL of the server's default store under {@code dataDir}, to audit it after. */
  static String h2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.resolve("sharpeyes").toAbsolutePath().normalize();
  }

  URI api(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  /** {@code GET /api/edges}, or empty while the server is down. */
  Optional<JsonNode> edges() {
    return http.json(api("/api/edges"));
  }

  /** {@code GET /healthz} while it answers 200, else empty. */
  Optional<JsonNode> health() {
    return http.json(api("/healthz"));
  }

  Optional<String> metrics() {
    return http.text(api("/metrics"));
  }

  @Override
  boolean ready() {
    return http.status(api("/healthz")) == 200;
  }
}
