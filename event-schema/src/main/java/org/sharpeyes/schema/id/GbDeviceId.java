package org.sharpeyes.schema.id;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A 20-digit GB/T 28181 device code: 8 digits centre/region code, 2 industry, 3 type, 1 network
 * flag, 6 serial.
 */
public record GbDeviceId(String value) {

  private static final Pattern DIGITS = Pattern.compile("[0-9]{20}");

  /** Type codes used by this project (GB/T 28181 Appendix D). */
  public static final String TYPE_PLATE_READER = "114";

  public static final String TYPE_ACCESS_CONTROL = "121";
  public static final String TYPE_CAMERA = "131";
  public static final String TYPE_IPC = "132";
  public static final String TYPE_NVR = "118";
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

  /** Digits 11–13: the device type, e.g. {@code 114} for a plate reader. */
  public String typeCode() {
    return value.substring(10, 13);
  }

  @Override
  public String toString() {
    return value;
  }
}
