package org.sharpeyes.schema.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A credential presented at a door.
 *
 * @param doorId the door's 20-digit GB/T 28181 id (type 121)
 * @param credentialType how the person identified
 * @param credentialId the card number, face id, QR token id or PIN slot
 * @param result granted or denied
 * @param reason why it was denied, or {@code null}
 * @param direction in or out, or {@code null} when the door does not tell
 */
public record DoorAccess(
    String doorId,
    CredentialType credentialType,
    String credentialId,
    Result result,
    String reason,
    Direction direction)
    implements EventData {

  @Override
  public EventType eventType() {
    return EventType.DOOR_ACCESS;
  }

  public enum CredentialType {
    @JsonProperty("card")
    CARD,
    @JsonProperty("face")
    FACE,
    @JsonProperty("qr")
    QR,
    @JsonProperty("pin")
    PIN
  }

  public enum Result {
    @JsonProperty("granted")
    GRANTED,
    @JsonProperty("denied")
    DENIED
  }

  public enum Direction {
    @JsonProperty("in")
    IN,
    @JsonProperty("out")
    OUT
  }
}
