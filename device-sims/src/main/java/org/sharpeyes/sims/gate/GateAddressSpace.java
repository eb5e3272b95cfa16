package org.sharpeyes.sims.gate;

import java.util.List;

/**
 * The simulated access controller's address space, for clients: every node id is a string id in the
 * namespace {@link #NAMESPACE_URI} (look its index up in the server's NamespaceArray; it is 2 with
 * this simulator, but a client must not rely on that). Browse names are in the same namespace.
 *
 * <pre>
 * Objects (i=85)
 *   AccessController                 s=AccessController (FolderType, EventNotifier)
 *     DoorCount                      s=AccessController/DoorCount (UInt32)
 *     Door01                         s=AccessController/Door01 (FolderType, EventNotifier)
 *       DeviceId                     s=AccessController/Door01/DeviceId (String property)
 *       State                        s=AccessController/Door01/State (String)
 *       LastCredentialId …           s=AccessController/Door01/LastCredentialId (String)
 * Types/ObjectTypes/BaseObjectType/BaseEventType (i=2041)
 *   AccessEventType                  s=AccessEventType
 *     DoorId, DeviceId, Kind, CredentialId, …   s=AccessEventType/DoorId …
 * </pre>
 */
public final class GateAddressSpace {

  public static final String NAMESPACE_URI = "urn:sharpeyes:device-sims:gate";

  public static final String CONTROLLER = "AccessController";
  public static final String DOOR_COUNT = "DoorCount";

  /** The door's own GB/T 28181 id (type code 121), a property of the door folder. */
  public static final String DEVICE_ID = "DeviceId";

  public static final String STATE = "State";
  public static final String LAST_CREDENTIAL_ID = "LastCredentialId";
  public static final String LAST_CREDENTIAL_TYPE = "LastCredentialType";
  public static final String LAST_RESULT = "LastResult";
  public static final String LAST_DENY_REASON = "LastDenyReason";
  public static final String LAST_DIRECTION = "LastDirection";
  public static final String LAST_EVENT_TIME = "LastEventTime";

  /** The door's variables (String, but {@code LastEventTime}: DateTime), in browse order. */
  public static final List<String> DOOR_VARIABLES =
      List.of(
          STATE,
          LAST_CREDENTIAL_ID,
          LAST_CREDENTIAL_TYPE,
          LAST_RESULT,
          LAST_DENY_REASON,
          LAST_DIRECTION,
          LAST_EVENT_TIME);

  public static final String ACCESS_EVENT_TYPE = "AccessEventType";

  /** {@code Door01}: the event's door, as its browse name. */
  public static final String FIELD_DOOR_ID = "DoorId";

  public static final String FIELD_DEVICE_ID = "DeviceId";

  /** {@code credential} (a presentation) or {@code state} (the door moved). */
  public static final String FIELD_KIND = "Kind";

  public static final String FIELD_CREDENTIAL_ID = "CredentialId";
  public static final String FIELD_CREDENTIAL_TYPE = "CredentialType";

  /** {@code granted} or {@code denied}; empty for a state event. */
  public static final String FIELD_RESULT = "Result";

  /** The reason of a denial; empty when granted and for a state event. */
  public static final String FIELD_DENY_REASON = "DenyReason";

  public static final String FIELD_DIRECTION = "Direction";

  /** The door's state after the event. */
  public static final String FIELD_STATE = "State";

  /** The AccessEventType's own fields (String properties), in browse order. */
  public static final List<String> EVENT_FIELDS =
      List.of(
          FIELD_DOOR_ID,
          FIELD_DEVICE_ID,
          FIELD_KIND,
          FIELD_CREDENTIAL_ID,
          FIELD_CREDENTIAL_TYPE,
          FIELD_RESULT,
          FIELD_DENY_REASON,
          FIELD_DIRECTION,
          FIELD_STATE);

  private GateAddressSpace() {}

  /** {@code Door01} for door 1: two digits, so doors sort in order up to 99. */
  public static String doorName(int door) {
    return String.format("Door%02d", door);
  }

  /** The string id of a door's folder: {@code AccessController/Door01}. */
  public static String doorNodeId(int door) {
    return CONTROLLER + "/" + doorName(door);
  }

  /** The string id of a door's variable: {@code AccessController/Door01/State}. */
  public static String doorVariableNodeId(int door, String variable) {
    return doorNodeId(door) + "/" + variable;
  }

  /** The string id of one of the event type's fields: {@code AccessEventType/CredentialId}. */
  public static String eventFieldNodeId(String field) {
    return ACCESS_EVENT_TYPE + "/" + field;
  }
}
