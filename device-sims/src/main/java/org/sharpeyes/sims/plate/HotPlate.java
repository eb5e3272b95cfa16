package org.sharpeyes.sims.plate;

/**
 * A plate that the server is expected to alert on: a hotlist entry or a key person's vehicle.
 *
 * @param plate normalised plate
 * @param source where it came from: {@code hotlist} or {@code key-person}
 * @param detail what to tell the operator, e.g. {@code 涉案车辆/critical} or {@code KP0001}
 */
public record HotPlate(String plate, String source, String detail) {

  public static final String SOURCE_HOTLIST = "hotlist";
  public static final String SOURCE_KEY_PERSON = "key-person";

  @Override
  public String toString() {
    return plate + " (" + source + ": " + detail + ")";
  }
}
