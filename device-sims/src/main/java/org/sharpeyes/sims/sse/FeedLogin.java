package org.sharpeyes.sims.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Authorization header for reading an ingest-server's alert feed: a bearer token from an
 * environment variable, or one obtained by logging in ({@code POST /api/auth/login} at the feed's
 * origin) as a user whose password is in an environment variable. Secrets are never options, so
 * that they stay out of process listings and shell history.
 */
public final class FeedLogin {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private FeedLogin() {}

  /**
   * @return {@code Bearer …}, or {@code null} when neither a token nor a user is given
   * @throws IllegalArgumentException when a named variable is unset or the login is refused, with
   *     the reason
   */
  public static String authorization(
      URI stream,
      String tokenEnv,
      String user,
      String passwordEnv,
      UnaryOperator<String> environment) {
    if (tokenEnv != null) {
      return "Bearer " + required(environment, tokenEnv, "--stream-token-env");
    }
    if (user == null) {
      return null;
    }
    String password = required(environment, passwordEnv, "--stream-password-env");
    return "Bearer " + login(stream.resolve("/api/auth/login"), user, password);
  }

  private static String required(UnaryOperator<String> environment, String name, String option) {
    String value = environment.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          option + " names " + name + ", but that environment variable is not set");
    }
    return value;
  }

  /**
   * Logs in at {@code server} ({@code POST /api/auth/login} at its origin) and returns the access
   * token.
   *
   * @throws IllegalArgumentException when the login is refused or the server cannot be reached,
   *     with the reason
   */
  public static String accessToken(URI server, String user, String password) {
    return login(server.resolve("/api/auth/login"), user, password);
  }

  private static String login(URI uri, String user, String password) {
    try {
      String body = JSON.writeValueAsString(Map.of("username", user, "password", password));
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(TIMEOUT)
              .build();
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode reply = answer.body().isBlank() ? null : JSON.readTree(answer.body());
      if (answer.statusCode() != 200 || reply == null || !reply.hasNonNull("accessToken")) {
        String why =
            reply != null && reply.hasNonNull("detail") ? reply.get("detail").asText() : "";
        throw new IllegalArgumentException(
            "login as " + user + " at " + uri + " answered " + answer.statusCode() + " " + why);
      }
      return reply.get("accessToken").asText();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot log in at " + uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted while logging in at " + uri, e);
    }
  }
}
