package org.sharpeyes.sims.plate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Reads the edge-agent's answer to a plate read: {@code 202 {"eventId":"…","plateNumber":"…"}} on
 * acceptance, {@code {"error":…,"problems":[…]}} on rejection.
 */
public final class EdgeAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EdgeAnswer() {}

  /** The {@code eventId} of an answer body, if it has a non-empty one. */
  public static Optional<String> eventId(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode answer = JSON.readTree(body);
      String id = answer == null ? "" : answer.path("eventId").asText("");
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
