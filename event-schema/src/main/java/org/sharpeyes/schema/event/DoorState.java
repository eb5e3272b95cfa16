package org.sharpeyes.schema.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A door changed state.
 *
 * @param doorId the door's 20-digit GB/T 28181 id (type 121)
 * @param state the new state
 */
public record DoorState(String doorId, State state) implements EventData {

  @Override
  public EventType eventType() {
    return EventType.DOOR_STATE;
  }

  public enum State {
    @JsonProperty("open")
    OPEN,
    @JsonProperty("closed")
    CLOSED,
    @JsonProperty("forced")
    FORCED,
    @JsonProperty("held-open")
    HELD_OPEN
  }
}
