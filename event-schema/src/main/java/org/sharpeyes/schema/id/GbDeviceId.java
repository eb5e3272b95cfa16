package org.sharpeyes.schema.id;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A 20-digit GB/T 28181 device code: 8 digits centre/region code, 2 industry, 3 type, 1 network
 * flag, 6 serial.
 */
public record GbDeviceId(String value) {

  private static final Pattern DIGITS = Pattern.compile("[0-9]{20}");

  /*
   * Type codes used by this project, from GB/T 28181-2016 Appendix D (table D.1, digits 11-13);
   * config/demo-city/README.md prints the whole table used. A checkpoint (卡口) or plate-reading
   * camera is an IP camera; a door of an access-control system is an alarm input device.
   */

  /** 111: digital video recorder. */
  public static final String TYPE_DVR = "111";

  /** 114: decoder (not a plate reader). */
  public static final String TYPE_DECODER = "114";

  /** 117: alarm controller, e.g. an access controller with several doors. */
  public static final String TYPE_ALARM_CONTROLLER = "117";

  /** 118: network video recorder. */
  public static final String TYPE_NVR = "118";

  /** 131: camera. */
  public static final String TYPE_CAMERA = "131";

  /** 132: IP camera; also checkpoint and GA/T 1400 capture cameras. */
  public static final String TYPE_IPC = "132";

  /** 134: alarm input device (infrared, smoke, access control): a door of a gate. */
  public static final String TYPE_ALARM_INPUT = "134";

  /** 200: central signalling control server. */
  public static final String TYPE_CENTRE = "200";

  public GbDeviceId {
    if (value == null || !DIGITS.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a GB/T 28181 id: expected exactly 20 digits");
    }
  }

  public static Optional<GbDeviceId> parse(String value) {
    return isValid(value) ? Optional.of(new GbDeviceId(value)) : Optional.empty();
  }

  public static boolean isValid(String value) {
    return value != null && DIGITS.matcher(value).matches();
  }

  /** The first 8 digits: the administrative region and centre the device belongs to. */
  public String centreCode() {
    return value.substring(0, 8);
  }

  /** Digits 11–13: the device type, e.g. {@code 132} for an IP camera. */
  public String typeCode() {
    return value.substring(10, 13);
  }

  @Override
  public String toString() {
    return value;
  }
}
