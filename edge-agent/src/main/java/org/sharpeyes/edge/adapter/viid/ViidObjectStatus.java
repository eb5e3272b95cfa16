package org.sharpeyes.edge.adapter.viid;

/**
 * The answer for one object of a push (or for a whole system request): a GA/T 1400 {@code
 * ResponseStatusObject} before the request URL and local time are added.
 *
 * @param id the object's id ({@code FaceID}, {@code MotorVehicleID}…) or the device id; may be
 *     empty when the object had none
 * @param code the status code
 * @param reason the {@code StatusString}: in words, what was done or what is wrong
 * @param outcome the {@code outcome} tag of {@code sharpeyes_viid_objects_total}
 */
record ViidObjectStatus(String id, ViidStatusCode code, String reason, String outcome) {

  static ViidObjectStatus ok(String id, String reason) {
    return new ViidObjectStatus(id, ViidStatusCode.OK, reason, "accepted");
  }

  static ViidObjectStatus refused(String id, ViidStatusCode code, String reason, String outcome) {
    return new ViidObjectStatus(id, code, reason, outcome);
  }

  boolean accepted() {
    return code == ViidStatusCode.OK;
  }
}
