package org.sharpeyes.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sharpeyes.ingest.auth.SeedUsers;
import org.sharpeyes.sims.sse.FeedLogin;

/**
 * The ingest-server as a child JVM ({@code ingest-server run}), on an external broker, with its
 * store either the default H2 file under its data directory or a PostgreSQL database. Ready means
 * {@code GET /healthz} answers 200: subscribed to the broker and the store reachable. Its API and
 * metrics are read as the first admin, which the server creates from {@code SHARPEYES_ADMIN_USER}
 * and {@code SHARPEYES_ADMIN_PASSWORD} at its first start (later starts find it and leave it).
 */
final class IngestServerChild extends ChildService {

  static final String MAIN = "org.sharpeyes.ingest.cli.IngestServerMain";

  /** Fixed, so that the broker keeps the server's session (and its messages) while it is down. */
  static final String CLIENT_ID = "chaos-ingest-1";

  static final String ADMIN = "chaos.admin";

  private final int httpPort;
  private final LoopbackHttp http;
  private final String adminPassword;

  /** {@code Bearer …} of the last login, or {@code null} until the next one. */
  private volatile String authorization;

  private IngestServerChild(
      ChildProcess process, int httpPort, LoopbackHttp http, String adminPassword) {
    super(process, Duration.ofSeconds(90));
    this.httpPort = httpPort;
    this.http = http;
    this.adminPassword = adminPassword;
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
    String adminPassword = UUID.randomUUID().toString();
    ChildProcess process =
        new ChildProcess(
            "ingest-server",
            ChildProcess.javaCommand(MAIN, args),
            Map.of(SeedUsers.ADMIN_USER_ENV, ADMIN, SeedUsers.ADMIN_PASSWORD_ENV, adminPassword),
            logDir.resolve("ingest-server.log"));
    return new IngestServerChild(process, httpPort, http, adminPassword);
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
    URI edges = api("/api/edges");
    return asAdmin(edges).map(body -> LoopbackHttp.parse(edges, body));
  }

  /** {@code GET /healthz} while it answers 200, else empty. */
  Optional<JsonNode> health() {
    return http.json(api("/healthz"));
  }

  Optional<String> metrics() {
    return asAdmin(api("/metrics"));
  }

  /**
   * The body of a 200 answer to a GET as the admin, or empty while the server is down or starting.
   * Logs in when it has no token yet or the server refused the one it had.
   */
  private Optional<String> asAdmin(URI uri) {
    for (int attempt = 0; attempt < 2; attempt++) {
      Optional<String> auth = authorization();
      if (auth.isEmpty()) {
        return Optional.empty();
      }
      Optional<HttpResponse<String>> answer = http.get(uri, auth.get());
      if (answer.isPresent() && answer.get().statusCode() == 401) {
        authorization = null;
        continue;
      }
      return answer.filter(r -> r.statusCode() == 200).map(HttpResponse::body);
    }
    return Optional.empty();
  }

  private Optional<String> authorization() {
    String current = authorization;
    if (current == null) {
      try {
        current = "Bearer " + FeedLogin.accessToken(api("/"), ADMIN, adminPassword);
      } catch (IllegalArgumentException down) {
        return Optional.empty(); // not answering, or not ready to log anyone in yet
      }
      authorization = current;
    }
    return Optional.of(current);
  }

  @Override
  boolean ready() {
    return http.status(api("/healthz")) == 200;
  }
}
