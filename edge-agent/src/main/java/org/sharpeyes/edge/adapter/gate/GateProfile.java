package org.sharpeyes.edge.adapter.gate;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.DoorState;

/**
 * What a model of access controller means by its nodes and event fields, so that another model is a
 * profile file, not code (the EdgeX split: a device <i>profile</i> says what a kind of device
 * emits, the device entry only where one is). Browse names and node ids are in the profile's
 * namespace, whose index is looked up in the server's NamespaceArray at every connect.
 *
 * @param name the profile's name, for messages
 * @param namespaceUri the namespace of the controller's nodes, browse names and event type
 * @param controllerPath browse names from the Objects folder to the controller: the doors' parent
 *     and the notifier the events are subscribed on
 * @param doorBrowseName which Object children of the controller are doors (whole match), or {@code
 *     null} for all of them
 * @param doorIdProperty the door's property holding its 20-digit id, or {@code null} when the
 *     config gives every door's id
 * @param variables the door's variables
 * @param event the controller's event type, or {@code null} when it has none (presentations are
 *     then read from the door's variables)
 * @param values the controller's words for states, credential types… and ours
 */
public record GateProfile(
    String name,
    String namespaceUri,
    List<String> controllerPath,
    Pattern doorBrowseName,
    String doorIdProperty,
    Variables variables,
    Event event,
    Values values) {

  public GateProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespaceUri, "namespaceUri");
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(values, "values");
    controllerPath = List.copyOf(controllerPath);
    if (controllerPath.isEmpty()) {
      throw new IllegalArgumentException("the controller path needs at least one browse name");
    }
  }

  /** Whether the browse name is one of a door (any name when the profile does not say). */
  public boolean isDoor(String browseName) {
    return doorBrowseName == null || doorBrowseName.matcher(browseName).matches();
  }

  /**
   * The door's variables (browse names under the door).
   *
   * @param state the door's state
   * @param access the last presentation, or {@code null} when the controller shows none
   */
  public record Variables(String state, AccessVariables access) {
    public Variables {
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * The variables that show a door's last presentation. They change together, with one source
   * timestamp: each new timestamp of {@code credentialId} is one presentation. Read this way, two
   * presentations closer together than the sampling interval give one event; events never do.
   */
  public record AccessVariables(
      String credentialId,
      String credentialType,
      String result,
      String denyReason,
      String direction) {
    public AccessVariables {
      Objects.requireNonNull(credentialId, "credentialId");
      Objects.requireNonNull(credentialType, "credentialType");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * The controller's event type.
   *
   * @param typeId its node id in the profile's namespace: {@code s=AccessEventType} or {@code
   *     i=1001}
   * @param fields browse names of its fields (in the profile's namespace); optional ones {@code
   *     null}
   */
  public record Event(String typeId, EventFields fields) {
    public Event {
      Objects.requireNonNull(typeId, "typeId");
      Objects.requireNonNull(fields, "fields");
    }
  }

  /**
   * Browse names of the event type's fields. The door of an event is its {@code SourceNode}, or
   * when that is not one of the doors, the door whose browse name is in {@code door}.
   */
  public record EventFields(
      String kind,
      String door,
      String credentialId,
      String credentialType,
      String result,
      String denyReason,
      String direction,
      String state) {
    public EventFields {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(credentialId, "credentialId");
      Objects.requireNonNull(credentialType, "credentialType");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(state, "state");
    }

    /** The fields in the order the adapter selects them (after EventId, Time, SourceNode). */
    public List<String> selected() {
      return Arrays.asList(
          kind, door, credentialId, credentialType, result, denyReason, direction, state);
    }
  }

  /** What an event reports: a presentation or a door move. */
  public enum EventKind {
    CREDENTIAL,
    STATE
  }

  /**
   * The controller's words, each mapped to ours. A word not in its map is reported (not dropped
   * silently) and the item skipped; a direction not in its map is reported and left out of the
   * event.
   */
  public record Values(
      Map<String, EventKind> kind,
      Map<String, DoorState.State> state,
      Map<String, DoorAccess.CredentialType> credentialType,
      Map<String, DoorAccess.Result> result,
      Map<String, DoorAccess.Direction> direction) {

    public Values {
      kind = inOrder(kind);
      state = inOrder(state);
      credentialType = inOrder(credentialType);
      result = inOrder(result);
      direction = inOrder(direction);
    }

    /** Our own words, mapped to themselves: what a profile gets for a map it does not give. */
    public static final Values IDENTITY =
        new Values(
            ordered("credential", EventKind.CREDENTIAL, "state", EventKind.STATE),
            ordered(
                "closed",
                DoorState.State.CLOSED,
                "open",
                DoorState.State.OPEN,
                "forced",
                DoorState.State.FORCED,
                "held-open",
                DoorState.State.HELD_OPEN),
            ordered(
                "card",
                DoorAccess.CredentialType.CARD,
                "face",
                DoorAccess.CredentialType.FACE,
                "qr",
                DoorAccess.CredentialType.QR,
                "pin",
                DoorAccess.CredentialType.PIN),
            ordered("granted", DoorAccess.Result.GRANTED, "denied", DoorAccess.Result.DENIED),
            ordered("in", DoorAccess.Direction.IN, "out", DoorAccess.Direction.OUT));

    /** An unmodifiable copy that keeps the order of the file, for messages. */
    private static <V> Map<String, V> inOrder(Map<String, V> map) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... pairs) {
      Map<String, V> map = new LinkedHashMap<>();
      for (int i = 0; i < pairs.length; i += 2) {
        map.put((String) pairs[i], (V) pairs[i + 1]);
      }
      return map;
    }
  }
}
