package org.sharpeyes.edge.adapter.viid;

import java.util.Arrays;
import java.util.Optional;

/**
 * The object collections a device may push (GA/T 1400.4): where, the JSON wrapper names, the id
 * field and its length. Only faces and motor vehicles become events; the others are acknowledged
 * per object and counted.
 */
enum ViidObjectKind {
  FACES("/VIID/Faces", "FaceListObject", "FaceObject", "FaceID", 48, "face"),
  MOTOR_VEHICLES(
      "/VIID/MotorVehicles",
      "MotorVehicleListObject",
      "MotorVehicleObject",
      "MotorVehicleID",
      48,
      "motor-vehicle"),
  PERSONS("/VIID/Persons", "PersonListObject", "PersonObject", "PersonID", 48, "person"),
  NON_MOTOR_VEHICLES(
      "/VIID/NonMotorVehicles",
      "NonMotorVehicleListObject",
      "NonMotorVehicleObject",
      "NonMotorVehicleID",
      48,
      "non-motor-vehicle"),
  IMAGES("/VIID/Images", "ImageListObject", "Image", "ImageID", 41, "image");

  private final String path;
  private final String listName;
  private final String objectName;
  private final String idField;
  private final int idLength;
  private final String tag;

  ViidObjectKind(
      String path, String listName, String objectName, String idField, int idLength, String tag) {
    this.path = path;
    this.listName = listName;
    this.objectName = objectName;
    this.idField = idField;
    this.idLength = idLength;
    this.tag = tag;
  }

  String path() {
    return path;
  }

  String listName() {
    return listName;
  }

  String objectName() {
    return objectName;
  }

  String idField() {
    return idField;
  }

  int idLength() {
    return idLength;
  }

  /** The {@code kind} tag of {@code sharpeyes_viid_objects_total}. */
  String tag() {
    return tag;
  }

  /** Whether objects of this kind become events. */
  boolean mapped() {
    return this == FACES || this == MOTOR_VEHICLES;
  }

  static Optional<ViidObjectKind> byPath(String path) {
    return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
  }
}
