package org.sharpeyes.schema.topic;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Retained payload of {@code sharpeyes/v1/edge/{edgeId}/status}: {@code online} when the agent
 * connects, {@code offline} as its last will (then {@code time} is when the agent connected, since
 * the will is written in advance).
 */
public record EdgeStatusMessage(String edgeId, State state, Instant time, String agentVersion) {
  public enum State {
    @JsonProperty("online")
    ONLINE,
    @JsonProperty("offline")
    OFFLINE
  }
}
