package org.sharpeyes.schema.event;

/** The typed payload of an {@link EdgeEvent}; one record per {@link EventType}. */
public sealed interface EventData
    permits FaceCaptured, FaceMatched, VehicleSighted, DoorAccess, DoorState, DeviceStatus {

  /** The event type this payload belongs to. */
  EventType eventType();
}
