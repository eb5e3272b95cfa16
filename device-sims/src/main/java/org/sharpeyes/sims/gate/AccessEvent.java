package org.sharpeyes.sims.gate;

import java.time.Instant;
import java.util.Objects;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * Something that happened at a door: a credential presented ({@link Kind#CREDENTIAL}) or the door
 * changing state ({@link Kind#STATE}). The simulator publishes each one as an OPC UA {@code
 * AccessEventType} event and as new values of the door's variables.
 *
 * @param sequence 1, 2, 3… in the order the controller produced them since it was built
 * @param credentialId empty for a state change
 * @param credentialType null for a state change
 * @param decision null for a state change
 * @param direction null for a state change
 * @param state the door's state after the event
 */
public record AccessEvent(
    long sequence,
    Kind kind,
    int door,
    GbDeviceId deviceId,
    String credentialId,
    CredentialType credentialType,
    AccessDecision decision,
    PassDirection direction,
    DoorState state,
    Instant time) {

  /** What an event reports; on the wire (the {@code Kind} field) its {@link #wireName()}. */
  public enum Kind {
    CREDENTIAL("credential"),
    STATE("state");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public AccessEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(time, "time");
  }

  /** The door's browse name, {@code Door01} for door 1. */
  public String doorName() {
    return GateAddressSpace.doorName(door);
  }

  public String credentialTypeName() {
    return credentialType == null ? "" : credentialType.wireName();
  }

  /** {@code granted}, {@code denied}, or empty for a state change. */
  public String result() {
    return decision == null ? "" : decision.result();
  }

  /** The reason of a denial; empty when granted and for a state change. */
  public String denyReason() {
    return decision == null ? "" : decision.denyReason();
  }

  public String directionName() {
    return direction == null ? "" : direction.wireName();
  }

  /**
   * A line for logs and for comparing runs, without the time: {@code Door01 credential CARD-000132
   * card granted in closed}.
   */
  public String describe() {
    return kind == Kind.CREDENTIAL
        ? String.join(
            " ",
            doorName(),
            kind.wireName(),
            credentialId,
            credentialTypeName(),
            decision.fileName(),
            directionName(),
            state.wireName())
        : doorName() + " " + kind.wireName() + " " + state.wireName();
  }

  /** The event's BaseEventType Severity (1..1000): how urgent a guard would find it. */
  public int severity() {
    if (kind == Kind.CREDENTIAL) {
      return decision.granted() ? 100 : 500;
    }
    return switch (state) {
      case FORCED -> 900;
      case HELD_OPEN -> 700;
      default -> 100;
    };
  }
}
