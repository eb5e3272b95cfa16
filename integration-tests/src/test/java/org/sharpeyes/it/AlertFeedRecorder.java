package org.sharpeyes.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.sims.sse.SseClient;
import org.sharpeyes.sims.sse.SseEvent;

/**
 * Subscribes to the live alert feed like an operator's screen, logged in as its user, and keeps
 * what arrives.
 */
final class AlertFeedRecorder implements AutoCloseable {

  /** One frame of the feed: {@code alert} or {@code alert-update}, with its JSON. */
  record Frame(String type, JsonNode alert) {
    String plate() {
      return alert.path("plate").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final SseClient client;

  /**
   * @param authorization the Authorization header's value, {@code Bearer …}
   */
  AlertFeedRecorder(HttpClient http, URI stream, String authorization) throws Exception {
    client = new SseClient(http, stream, null, this::record, 1 << 20, authorization);
    client.connect().get(10, TimeUnit.SECONDS);
  }

  private void record(SseEvent event) {
    if (event.type().startsWith("alert")) {
      try {
        frames.add(new Frame(event.type(), JSON.readTree(event.data())));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(
            "the feed sent an alert that is not JSON: " + event.data(), e);
      }
    }
  }

  List<Frame> frames() {
    return List.copyOf(frames);
  }

  List<Frame> framesFor(String plate) {
    return frames.stream().filter(f -> f.plate().equals(plate)).toList();
  }

  @Override
  public void close() {
    client.close();
  }
}
