package org.sharpeyes.sims.gate;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.Lifecycle;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.ServerTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access controller in OPC UA: the folders, variables and event type of {@link
 * GateAddressSpace}, kept in step with a {@link DoorBank}. Each bank event updates the door's
 * variables and fires an {@code AccessEventType} event with the door as its source, to subscribers
 * of the Server object, of the {@code AccessController} folder and of the door's folder.
 */
final class AccessControllerNamespace extends ManagedNamespaceWithLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AccessControllerNamespace.class);

  /** EventNotifier attribute value: SubscribeToEvents (bit 0). */
  private static final UByte SUBSCRIBE_TO_EVENTS = ubyte(1);

  private final DoorBank bank;
  private final Clock clock;
  private final SubscriptionModel subscriptionModel;
  private final Consumer<AccessEvent> listener = this::publish;
  private final Map<NodeId, List<EventItem>> eventItems = new ConcurrentHashMap<>();
  private final Map<String, UaVariableNode> variables = new ConcurrentHashMap<>();
  private final long eventIdPrefix = new SecureRandom().nextLong();
  private NodeId controllerId;
  private NodeId eventTypeId;

  AccessControllerNamespace(OpcUaServer server, DoorBank bank, Clock clock) {
    super(server, GateAddressSpace.NAMESPACE_URI);
    this.bank = bank;
    this.clock = clock;
    this.subscriptionModel = new SubscriptionModel(server, this);
    getLifecycleManager().addLifecycle(subscriptionModel);
    getLifecycleManager()
        .addLifecycle(
            new Lifecycle() {
              @Override
              public void startup() {
                // Under the bank's lock: no event slips between reading the doors and listening.
                synchronized (bank) {
                  addEventType();
                  addController();
                  bank.addListener(listener);
                }
              }

              @Override
              public void shutdown() {
                bank.removeListener(listener);
              }
            });
  }

  private void addEventType() {
    eventTypeId = newNodeId(GateAddressSpace.ACCESS_EVENT_TYPE);
    UaObjectTypeNode type =
        UaObjectTypeNode.builder(getNodeContext())
            .setNodeId(eventTypeId)
            .setBrowseName(newQualifiedName(GateAddressSpace.ACCESS_EVENT_TYPE))
            .setDisplayName(LocalizedText.english(GateAddressSpace.ACCESS_EVENT_TYPE))
            .setDescription(
                LocalizedText.english("A credential presented at a door, or a door changing state"))
            .setIsAbstract(false)
            .build();
    getNodeManager().addNode(type);
    type.addReference(
        new Reference(eventTypeId, NodeIds.HasSubtype, NodeIds.BaseEventType.expanded(), false));
    for (String field : GateAddressSpace.EVENT_FIELDS) {
      UaVariableNode property =
          UaVariableNode.builder(getNodeContext())
              .setNodeId(newNodeId(GateAddressSpace.eventFieldNodeId(field)))
              .setBrowseName(newQualifiedName(field))
              .setDisplayName(LocalizedText.english(field))
              .setDataType(NodeIds.String)
              .setTypeDefinition(NodeIds.PropertyType)
              .build();
      getNodeManager().addNode(property);
      property.addReference(
          new Reference(
              property.getNodeId(),
              NodeIds.HasModellingRule,
              NodeIds.ModellingRule_Mandatory.expanded(),
              true));
      type.addReference(
          new Reference(eventTypeId, NodeIds.HasProperty, property.getNodeId().expanded(), true));
    }
    getServer()
        .getObjectTypeManager()
        .registerObjectType(eventTypeId, BaseEventTypeNode.class, BaseEventTypeNode::new);
    getServer().updateObjectTypeTree();
  }

  private void addController() {
    controllerId = newNodeId(GateAddressSpace.CONTROLLER);
    UaFolderNode controller = folder(controllerId, GateAddressSpace.CONTROLLER);
    controller.addReference(
        new Reference(controllerId, NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
    UaVariableNode count =
        variable(
            controller,
            GateAddressSpace.CONTROLLER + "/" + GateAddressSpace.DOOR_COUNT,
            GateAddressSpace.DOOR_COUNT,
            NodeIds.UInt32,
            false);
    count.setValue(new DataValue(new Variant(uint(bank.doorCount()))));
    for (int door = 1; door <= bank.doorCount(); door++) {
      addDoor(controller, door);
    }
    getServer()
        .getAddressSpaceManager()
        .getManagedNode(NodeIds.Server)
        .filter(ServerTypeNode.class::isInstance)
        .ifPresent(n -> ((ServerTypeNode) n).setEventNotifier(SUBSCRIBE_TO_EVENTS));
  }

  private void addDoor(UaFolderNode controller, int door) {
    NodeId doorId = newNodeId(GateAddressSpace.doorNodeId(door));
    UaFolderNode folder = folder(doorId, GateAddressSpace.doorName(door));
    controller.addOrganizes(folder);
    controller.addReference(
        new Reference(controllerId, NodeIds.HasNotifier, doorId.expanded(), true));
    UaVariableNode deviceId =
        variable(
            folder,
            GateAddressSpace.doorVariableNodeId(door, GateAddressSpace.DEVICE_ID),
            GateAddressSpace.DEVICE_ID,
            NodeIds.String,
            true);
    deviceId.setValue(new DataValue(new Variant(bank.deviceId(door).value())));
    for (String name : GateAddressSpace.DOOR_VARIABLES) {
      String id = GateAddressSpace.doorVariableNodeId(door, name);
      boolean time = name.equals(GateAddressSpace.LAST_EVENT_TIME);
      UaVariableNode v =
          variable(folder, id, name, time ? NodeIds.DateTime : NodeIds.String, false);
      v.setValue(
          new DataValue(time ? new Variant(DateTime.MIN_VALUE) : new Variant(""), StatusCode.GOOD));
      variables.put(id, v);
    }
    set(door, GateAddressSpace.STATE, bank.state(door).wireName(), clock.instant());
    AccessEvent last = bank.lastCredential(door);
    if (last != null) {
      showCredential(last);
    }
    AccessEvent lastAny = bank.lastEvent(door);
    if (lastAny != null) {
      set(door, GateAddressSpace.LAST_EVENT_TIME, new DateTime(lastAny.time()), lastAny.time());
    }
  }

  private UaFolderNode folder(NodeId id, String name) {
    UaFolderNode folder =
        new UaFolderNode(getNodeContext(), id, newQualifiedName(name), LocalizedText.english(name));
    folder.setEventNotifier(SUBSCRIBE_TO_EVENTS);
    getNodeManager().addNode(folder);
    return folder;
  }

  private UaVariableNode variable(
      UaNode parent, String id, String name, NodeId dataType, boolean property) {
    UaVariableNode node =
        UaVariableNode.builder(getNodeContext())
            .setNodeId(newNodeId(id))
            .setBrowseName(newQualifiedName(name))
            .setDisplayName(LocalizedText.english(name))
            .setDataType(dataType)
            .setTypeDefinition(property ? NodeIds.PropertyType : NodeIds.BaseDataVariableType)
            .build();
    getNodeManager().addNode(node);
    parent.addReference(
        new Reference(
            parent.getNodeId(),
            property ? NodeIds.HasProperty : NodeIds.HasComponent,
            node.getNodeId().expanded(),
            true));
    return node;
  }

  /** Called by the bank, under its lock, for every event. */
  private void publish(AccessEvent e) {
    set(e.door(), GateAddressSpace.STATE, e.state().wireName(), e.time());
    if (e.kind() == AccessEvent.Kind.CREDENTIAL) {
      showCredential(e);
    }
    set(e.door(), GateAddressSpace.LAST_EVENT_TIME, new DateTime(e.time()), e.time());
    try {
      fire(e);
    } catch (UaException | RuntimeException ex) {
      log.warn("could not fire the AccessEventType event for {}: {}", e.describe(), ex.toString());
    }
  }

  private void showCredential(AccessEvent e) {
    set(e.door(), GateAddressSpace.LAST_CREDENTIAL_ID, e.credentialId(), e.time());
    set(e.door(), GateAddressSpace.LAST_CREDENTIAL_TYPE, e.credentialTypeName(), e.time());
    set(e.door(), GateAddressSpace.LAST_RESULT, e.result(), e.time());
    set(e.door(), GateAddressSpace.LAST_DENY_REASON, e.denyReason(), e.time());
    set(e.door(), GateAddressSpace.LAST_DIRECTION, e.directionName(), e.time());
  }

  private void set(int door, String variable, Object value, Instant sourceTime) {
    UaVariableNode node = variables.get(GateAddressSpace.doorVariableNodeId(door, variable));
    node.setValue(
        new DataValue(
            new Variant(value),
            StatusCode.GOOD,
            new DateTime(sourceTime),
            new DateTime(clock.instant())));
  }

  private void fire(AccessEvent e) throws UaException {
    NodeId doorId = newNodeId(GateAddressSpace.doorNodeId(e.door()));
    BaseEventTypeNode event =
        getServer()
            .getEventFactory()
            .createEvent(newNodeId("events/" + e.sequence() + "-" + eventIdPrefix), eventTypeId);
    try {
      event.setBrowseName(newQualifiedName("AccessEvent"));
      event.setDisplayName(LocalizedText.english("AccessEvent"));
      event.setEventId(eventId(e));
      event.setEventType(eventTypeId);
      event.setSourceNode(doorId);
      event.setSourceName(e.doorName());
      event.setTime(new DateTime(e.time()));
      event.setReceiveTime(DateTime.NULL_VALUE);
      event.setMessage(LocalizedText.english(message(e)));
      event.setSeverity(ushort(e.severity()));
      field(event, GateAddressSpace.FIELD_DOOR_ID, e.doorName());
      field(event, GateAddressSpace.FIELD_DEVICE_ID, e.deviceId().value());
      field(event, GateAddressSpace.FIELD_KIND, e.kind().wireName());
      field(event, GateAddressSpace.FIELD_CREDENTIAL_ID, e.credentialId());
      field(event, GateAddressSpace.FIELD_CREDENTIAL_TYPE, e.credentialTypeName());
      field(event, GateAddressSpace.FIELD_RESULT, e.result());
      field(event, GateAddressSpace.FIELD_DENY_REASON, e.denyReason());
      field(event, GateAddressSpace.FIELD_DIRECTION, e.directionName());
      field(event, GateAddressSpace.FIELD_STATE, e.state().wireName());
      getServer().getEventNotifier().fire(event);
      for (NodeId notifier : List.of(controllerId, doorId)) {
        eventItems.getOrDefault(notifier, List.of()).forEach(item -> item.onEvent(event));
      }
    } finally {
      event.delete();
    }
  }

  private void field(BaseEventTypeNode event, String name, String value) {
    event
        .getPropertyNode(newQualifiedName(name))
        .ifPresent(p -> p.setValue(new DataValue(new Variant(value))));
  }

  /** 16 bytes: a random prefix per server start, then the event's sequence number. */
  private ByteString eventId(AccessEvent e) {
    return ByteString.of(
        ByteBuffer.allocate(16).putLong(eventIdPrefix).putLong(e.sequence()).array());
  }

  private static String message(AccessEvent e) {
    if (e.kind() == AccessEvent.Kind.STATE) {
      return e.doorName() + " " + e.state().wireName();
    }
    return e.doorName()
        + ": "
        + e.credentialTypeName()
        + " "
        + e.credentialId()
        + " "
        + e.decision().fileName()
        + " ("
        + e.directionName()
        + ")";
  }

  @Override
  public void onDataItemsCreated(List<DataItem> items) {
    subscriptionModel.onDataItemsCreated(items);
  }

  @Override
  public void onDataItemsModified(List<DataItem> items) {
    subscriptionModel.onDataItemsModified(items);
  }

  @Override
  public void onDataItemsDeleted(List<DataItem> items) {
    subscriptionModel.onDataItemsDeleted(items);
  }

  @Override
  public void onMonitoringModeChanged(List<MonitoredItem> items) {
    subscriptionModel.onMonitoringModeChanged(items);
  }

  @Override
  public void onEventItemsCreated(List<EventItem> items) {
    items.forEach(this::track);
  }

  @Override
  public void onEventItemsModified(List<EventItem> items) {
    items.forEach(this::untrack);
    items.forEach(this::track);
  }

  @Override
  public void onEventItemsDeleted(List<EventItem> items) {
    items.forEach(this::untrack);
  }

  private void track(EventItem item) {
    if (item.isSamplingEnabled()) {
      eventItems
          .computeIfAbsent(item.getReadValueId().getNodeId(), id -> new CopyOnWriteArrayList<>())
          .add(item);
    }
  }

  private void untrack(EventItem item) {
    List<EventItem> list = eventItems.get(item.getReadValueId().getNodeId());
    if (list != null) {
      list.remove(item);
    }
  }
}
