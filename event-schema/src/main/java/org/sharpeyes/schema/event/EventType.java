package org.sharpeyes.schema.event;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The six kinds of event an edge publishes. The {@linkplain #kind() kind} is the last segment of
 * the event topic and the suffix of the CloudEvents {@code type}; the data schema URI is versioned.
 */
public enum EventType {
  FACE_CAPTURED("face.captured", FaceCaptured.class),
  FACE_MATCHED("face.matched", FaceMatched.class),
  VEHICLE_SIGHTED("vehicle.sighted", VehicleSighted.class),
  DOOR_ACCESS("door.access", DoorAccess.class),
  DOOR_STATE("door.state", DoorState.class),
  DEVICE_STATUS("device.status", DeviceStatus.class);

  /** Prefix of every CloudEvents {@code type} this project emits. */
  public static final String TYPE_PREFIX = "sharpeyes.";

  /** Version segment of the data schema URIs; bumped only on incompatible change. */
  public static final String SCHEMA_VERSION = "v1";

  private final String kind;
  private final Class<? extends EventData> dataClass;

  EventType(String kind, Class<? extends EventData> dataClass) {
    this.kind = kind;
    this.dataClass = dataClass;
  }

  /** Short name, e.g. {@code vehicle.sighted}; also the last topic segment. */
  public String kind() {
    return kind;
  }

  /** CloudEvents {@code type}, e.g. {@code sharpeyes.vehicle.sighted}. */
  public String ceType() {
    return TYPE_PREFIX + kind;
  }

  /** CloudEvents {@code dataschema}, e.g. {@code urn:sharpeyes:schema:v1:vehicle.sighted}. */
  public URI dataSchema() {
    return URI.create("urn:sharpeyes:schema:" + SCHEMA_VERSION + ":" + kind);
  }

  /** Classpath resource of the JSON Schema for this type's {@code data}. */
  public String schemaResource() {
    return "/schemas/" + SCHEMA_VERSION + "/" + kind + ".json";
  }

  public Class<? extends EventData> dataClass() {
    return dataClass;
  }

  public static Optional<EventType> fromCeType(String ceType) {
    return Arrays.stream(values()).filter(t -> t.ceType().equals(ceType)).findFirst();
  }

  public static Optional<EventType> fromKind(String kind) {
    return Arrays.stream(values()).filter(t -> t.kind.equals(kind)).findFirst();
  }
}
