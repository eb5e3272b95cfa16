package org.sharpeyes.edge.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.sharpeyes.edge.http.HttpReplies;
import org.sharpeyes.edge.status.StatusHttpConfig;

/**
 * Reads {@code GET /status} of the agent running on this box, if one is, for the checks of push
 * devices (what they sent lately is only known to the running agent).
 */
final class AgentStatusClient {

  /**
   * The agent's answer, or why there is none.
   *
   * @param url the status URL asked
   * @param status the {@code /status} document, or {@code null} when the agent did not answer
   * @param error why not, in words; {@code null} with a status
   */
  record Answer(String url, JsonNode status, String error) {

    boolean running() {
      return status != null;
    }

    /** The {@code devices[]} entry of one device, or {@code null}. */
    JsonNode device(String deviceId) {
      if (status == null) {
        return null;
      }
      for (JsonNode d : status.path("devices")) {
        if (deviceId.equals(d.path("deviceId").asText())) {
          return d;
        }
      }
      return null;
    }
  }

  private AgentStatusClient() {}

  static Answer read(StatusHttpConfig config, Duration timeout) {
    String host = wildcard(config.host()) ? "127.0.0.1" : config.host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String url = "http://" + host + ":" + config.port() + "/status";
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    try {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        return new Answer(url, null, "HTTP " + response.statusCode() + " from " + url);
      }
      return new Answer(url, HttpReplies.mapper().readTree(response.body()), null);
    } catch (java.net.ConnectException e) {
      return new Answer(url, null, "nothing answers on " + url);
    } catch (java.net.http.HttpTimeoutException e) {
      return new Answer(url, null, "no answer within " + timeout.toSeconds() + " s on " + url);
    } catch (IOException e) {
      return new Answer(url, null, "no answer on " + url + " (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(url, null, "interrupted");
    } catch (IllegalArgumentException e) {
      return new Answer(url, null, "cannot ask " + url + ": " + e.getMessage());
    }
  }

  static boolean wildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }
}
