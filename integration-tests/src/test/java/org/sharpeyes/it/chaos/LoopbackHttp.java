package org.sharpeyes.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * GETs against the children's HTTP endpoints, with short timeouts: a child may be dead at any
 * moment, and then the answer is simply empty.
 */
final class LoopbackHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** The status code, or -1 when nothing answered. */
  int status(URI uri) {
    try {
      return client.send(request(uri), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The body of a 200 answer, or empty. */
  Optional<String> text(URI uri) {
    return get(uri, null).filter(r -> r.statusCode() == 200).map(HttpResponse::body);
  }

  /**
   * The answer, whatever its status, or empty when nothing answered.
   *
   * @param authorization the Authorization header's value, or {@code null} to send none
   */
  Optional<HttpResponse<String>> get(URI uri, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return Optional.of(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The JSON of a 200 answer, or empty. */
  Optional<JsonNode> json(URI uri) {
    return text(uri).map(body -> parse(uri, body));
  }

  static JsonNode parse(URI uri, String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(uri + " answered no JSON: " + body, e);
    }
  }

  private static HttpRequest request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
  }
}
