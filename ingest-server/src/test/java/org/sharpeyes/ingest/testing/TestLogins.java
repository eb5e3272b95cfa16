package org.sharpeyes.ingest.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.sharpeyes.ingest.config.IngestServerConfig;

/**
 * Users for tests that start a whole server: the demo city's regions and the accounts of {@code
 * test-users.yaml}, seeded at start, and a login that returns the {@code Authorization} header.
 */
public final class TestLogins {

  /** The demo city's reference data (regions, grids, devices, key persons). */
  public static final Path DEMO_CITY =
      Path.of("..", "config", "demo-city").toAbsolutePath().normalize();

  /** A city-level supervisor with full clearance: sees every alert, unmasked. */
  public static final Account SUPERVISOR = new Account("test.supervisor", "test-supervisor-pw");

  /** A city-level admin: users, edges, reference data; no alerts. */
  public static final Account ADMIN = new Account("test.admin", "test-admin-pw-1");

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TestLogins() {}

  /** A user name and its password. */
  public record Account(String name, String password) {}

  /** {@code config} with the demo city's reference data and the test accounts seeded. */
  public static IngestServerConfig withTestUsers(IngestServerConfig config) {
    return config.withReferenceData(DEMO_CITY).withAuth(config.auth().withSeedUsers(usersFile()));
  }

  /** The seed file of the test accounts. */
  public static Path usersFile() {
    try {
      return Path.of(TestLogins.class.getResource("/test-users.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Logs in at the server listening on {@code httpPort} of 127.0.0.1.
   *
   * @return the value of an Authorization header: {@code Bearer …}
   */
  public static String bearer(int httpPort, Account account) {
    URI login = URI.create("http://127.0.0.1:" + httpPort + "/api/auth/login");
    String body =
        new JsonObject()
            .put("username", account.name())
            .put("password", account.password())
            .encode();
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(login)
                      .timeout(TIMEOUT)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            "login as "
                + account.name()
                + " answered "
                + answer.statusCode()
                + ": "
                + answer.body());
      }
      return "Bearer " + new JsonObject(answer.body()).getString("accessToken");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot log in at " + login, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while logging in", e);
    }
  }
}
