package org.sharpeyes.sims.viid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sharpeyes.sims.plate.HotPlate;

/**
 * One object a simulated device sends: a vehicle or a face, with what the run needs to know about
 * it besides its JSON.
 *
 * @param id its {@code MotorVehicleID} or {@code FaceID} (48 characters)
 * @param plate the vehicle's true plate; {@code null} for a face
 * @param sentPlate the plate as the device read it: differs from {@code plate} when misread
 * @param hot the hotlist or key-person entry the plate was drawn from, or {@code null}
 * @param portrait the portrait file's name; {@code null} for a vehicle
 * @param json the {@code MotorVehicleObject} or {@code FaceObject}
 */
public record Capture(
    CaptureKind kind,
    String id,
    String plate,
    String sentPlate,
    HotPlate hot,
    String portrait,
    ObjectNode json) {

  public boolean isMisread() {
    return plate != null && !plate.equals(sentPlate);
  }

  public boolean isHot() {
    return hot != null;
  }

  /** E.g. {@code vehicle 湘JA1234 read as 湘JA1Z34 (hotlist: 涉案车辆/critical)}. */
  public String describe() {
    if (kind == CaptureKind.FACE) {
      return "face " + portrait;
    }
    StringBuilder out = new StringBuilder("vehicle ").append(plate);
    if (isMisread()) {
      out.append(" read as ").append(sentPlate);
    }
    if (hot != null) {
      out.append(" (").append(hot.source()).append(": ").append(hot.detail()).append(')');
    }
    return out.toString();
  }
}
