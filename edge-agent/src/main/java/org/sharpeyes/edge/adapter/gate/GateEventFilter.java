package org.sharpeyes.edge.adapter.gate;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.EventFilterBuilder;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilterResult;

/**
 * The event filter for the profile's event type: {@code EventId}, {@code Time}, {@code SourceNode},
 * then the profile's fields that it names, in the order of {@link
 * GateProfile.EventFields#selected()}; and back from the values of an event to those fields.
 */
final class GateEventFilter {

  static final int KIND = 0;
  static final int DOOR = 1;
  static final int CREDENTIAL_ID = 2;
  static final int CREDENTIAL_TYPE = 3;
  static final int RESULT = 4;
  static final int DENY_REASON = 5;
  static final int DIRECTION = 6;
  static final int STATE = 7;
  static final int FIELDS = 8;

  /** EventId, Time, SourceNode, EventType. */
  static final int STANDARD = 4;

  private final GateProfile profile;
  private final NodeId type;
  private final int namespace;

  GateEventFilter(GateProfile profile, int namespace) {
    this.profile = profile;
    this.namespace = namespace;
    String id = profile.event().typeId();
    this.type =
        id.startsWith("i=")
            ? new NodeId(namespace, uint(Long.parseLong(id.substring(2))))
            : new NodeId(namespace, id.substring(2));
  }

  /** The profile's event type on this server. */
  NodeId type() {
    return type;
  }

  EventFilter filter() {
    var builder =
        new EventFilterBuilder()
            .select(NodeIds.BaseEventType, new QualifiedName(0, "EventId"))
            .select(NodeIds.BaseEventType, new QualifiedName(0, "Time"))
            .select(NodeIds.BaseEventType, new QualifiedName(0, "SourceNode"))
            .select(NodeIds.BaseEventType, new QualifiedName(0, "EventType"));
    for (String field : profile.event().fields().selected()) {
      if (field != null) {
        builder.select(type, new QualifiedName(namespace, field));
      }
    }
    return builder.build();
  }

  /**
   * The profile's fields of one event, as text, at the indexes {@link #KIND}…{@link #STATE}; {@code
   * null} for a field the profile does not name or the event does not carry.
   */
  String[] fields(Variant[] values) {
    String[] fields = new String[FIELDS];
    List<String> selected = profile.event().fields().selected();
    int next = STANDARD;
    for (int i = 0; i < FIELDS; i++) {
      if (selected.get(i) != null) {
        Object v = next < values.length ? values[next].value() : null;
        fields[i] = v == null ? null : v.toString();
        next++;
      }
    }
    return fields;
  }

  /**
   * Checks the server's answer to the filter: a field that is not in the event type is named.
   *
   * @throws GateLinkException (refused) naming the field and the profile
   */
  void check(OpcUaClient client, OpcUaMonitoredItem item) throws GateLinkException {
    Optional<ExtensionObject> result = item.getFilterResult();
    if (result.isEmpty()) {
      return;
    }
    StatusCode[] clauses;
    try {
      clauses =
          ((EventFilterResult) result.get().decode(client.getStaticEncodingContext()))
              .getSelectClauseResults();
    } catch (RuntimeException e) {
      return; // no detail to add; the events will show what arrives
    }
    if (clauses == null) {
      return;
    }
    List<String> names = new ArrayList<>(List.of("EventId", "Time", "SourceNode", "EventType"));
    profile.event().fields().selected().stream().filter(f -> f != null).forEach(names::add);
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < clauses.length && i < names.size(); i++) {
      if (clauses[i] != null && clauses[i].isBad()) {
        bad.add(names.get(i) + " (" + GateErrors.name(clauses[i].getValue()) + ")");
      }
    }
    if (!bad.isEmpty()) {
      throw GateLinkException.refused(
          "the event type "
              + profile.event().typeId()
              + " of profile "
              + profile.name()
              + " has no field "
              + String.join(", ", bad)
              + ": check event.typeId and event.fields");
    }
  }
}
