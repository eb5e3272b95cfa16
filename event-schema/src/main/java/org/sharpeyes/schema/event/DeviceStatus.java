package org.sharpeyes.schema.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A device's availability as its edge sees it.
 *
 * @param status online, offline or degraded
 * @param reason in words, or {@code null}
 * @param fps frames per second where relevant, or {@code null}
 * @param latencyMs latency in milliseconds where relevant, or {@code null}
 */
public record DeviceStatus(Availability status, String reason, Double fps, Double latencyMs)
    implements EventData {

  @Override
  public EventType eventType() {
    return EventType.DEVICE_STATUS;
  }

  public enum Availability {
    @JsonProperty("online")
    ONLINE,
    @JsonProperty("offline")
    OFFLINE,
    @JsonProperty("degraded")
    DEGRADED
  }
}
