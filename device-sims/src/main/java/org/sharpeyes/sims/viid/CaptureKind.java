package org.sharpeyes.sims.viid;

/** What a simulated GA/T 1400 device captures, and where it posts it. */
public enum CaptureKind {
  /** A motor vehicle at a checkpoint: {@code POST /VIID/MotorVehicles}. */
  VEHICLE("/VIID/MotorVehicles", "MotorVehicleListObject", "MotorVehicleObject"),
  /** A face: {@code POST /VIID/Faces}. */
  FACE("/VIID/Faces", "FaceListObject", "FaceObject");

  private final String path;
  private final String listName;
  private final String objectName;

  CaptureKind(String path, String listName, String objectName) {
    this.path = path;
    this.listName = listName;
    this.objectName = objectName;
  }

  /** The resource objects of this kind are posted to. */
  public String path() {
    return path;
  }

  /** The list object's name in a request body, e.g. {@code FaceListObject}. */
  public String listName() {
    return listName;
  }

  /** The name of the array of objects in the list, e.g. {@code FaceObject}. */
  public String objectName() {
    return objectName;
  }
}
