package org.sharpeyes.edge.adapter.gate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.id.EventIds;

/**
 * Turns what a controller reports into contract events ({@code seq} 0; the sink numbers them),
 * through the profile's value maps. The event's {@code deviceId} is the door's 20-digit id: each
 * door is a device of its own. A word the profile does not map is never dropped silently: the
 * outcome names it, and the item is skipped — except an unknown direction, which is left out of the
 * event (the contract allows "the door does not tell"). Thread-safe.
 */
final class GateEventMapper {

  /** Longest credential id the contract takes ({@code door.access.credentialId}). */
  static final int MAX_CREDENTIAL_ID = 64;

  /** Longest reason the contract takes; longer ones are cut. */
  static final int MAX_REASON = 128;

  /**
   * A value the profile does not know, or the contract does not take.
   *
   * @param field the profile's name of the field, e.g. {@code credentialType}
   * @param value what the controller sent
   */
  record Unmapped(String field, String value) {
    /** In words, for the failure path. */
    String describe(String doorId, GateProfile profile) {
      return "door "
          + doorId
          + ": "
          + field
          + " '"
          + value
          + "' is not in profile "
          + profile.name()
          + (field.equals("credentialId")
              ? " (a credential id is 1.." + MAX_CREDENTIAL_ID + " characters)"
              : " (values." + field + ")");
    }
  }

  /** What became of one report. */
  sealed interface Outcome {}

  /** An event to hand over; {@code note} is a value left out of it, or {@code null}. */
  record Mapped(EdgeEvent event, Unmapped note) implements Outcome {}

  /** A door's state, for the state filter before it becomes an event. */
  record State(String doorId, DoorState.State state, Instant time) implements Outcome {}

  /** Nothing to hand over: this value is not mapped. */
  record Skipped(Unmapped why) implements Outcome {}

  private final String edgeId;
  private final EventIds eventIds;
  private final GateProfile.Values values;

  GateEventMapper(String edgeId, EventIds eventIds, GateProfile profile) {
    this.edgeId = edgeId;
    this.eventIds = eventIds;
    this.values = profile.values();
  }

  /** What an event of the profile's type is; {@code null} when its kind word is not mapped. */
  GateProfile.EventKind kind(String word) {
    return word == null ? null : values.kind().get(word.strip());
  }

  /** The door's state as the controller words it. */
  Outcome state(String doorId, String word, Instant time) {
    DoorState.State state = word == null ? null : values.state().get(word.strip());
    if (state == null) {
      return new Skipped(new Unmapped("state", String.valueOf(word)));
    }
    return new State(doorId, state, time);
  }

  /** The {@code door.state} event of a state that passed the filter. */
  EdgeEvent stateEvent(State s) {
    return new EdgeEvent(
        eventIds.next(), edgeId, s.doorId(), 0, s.time(), new DoorState(s.doorId(), s.state()));
  }

  /**
   * A presentation.
   *
   * @param fields credential id, credential type, result, deny reason, direction (the last two may
   *     be {@code null})
   */
  Outcome access(String doorId, Instant time, List<String> fields) {
    String credentialId = blankToNull(fields.get(0));
    if (credentialId == null || credentialId.length() > MAX_CREDENTIAL_ID) {
      return new Skipped(new Unmapped("credentialId", String.valueOf(fields.get(0))));
    }
    DoorAccess.CredentialType type = lookup(values.credentialType(), fields.get(1));
    if (type == null) {
      return new Skipped(new Unmapped("credentialType", String.valueOf(fields.get(1))));
    }
    DoorAccess.Result result = lookup(values.result(), fields.get(2));
    if (result == null) {
      return new Skipped(new Unmapped("result", String.valueOf(fields.get(2))));
    }
    String reason = result == DoorAccess.Result.GRANTED ? null : blankToNull(fields.get(3));
    if (reason != null && reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON - 1) + "…";
    }
    String directionWord = blankToNull(fields.get(4));
    DoorAccess.Direction direction = lookup(values.direction(), directionWord);
    Unmapped note =
        directionWord != null && direction == null
            ? new Unmapped("direction", directionWord)
            : null;
    DoorAccess data = new DoorAccess(doorId, type, credentialId, result, reason, direction);
    return new Mapped(new EdgeEvent(eventIds.next(), edgeId, doorId, 0, time, data), note);
  }

  private static <V> V lookup(Map<String, V> map, String word) {
    return word == null ? null : map.get(word.strip());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
