package org.sharpeyes.sims.viid;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * GA/T 1400 identifiers and times. An image id (and so a {@code SourceID}) has 41 characters: the
 * capturing device's 20-digit id, the sub-type {@code 02} (image), the capture time {@code
 * yyyyMMddHHmmss} and a 5-digit serial. An object id ({@code FaceID}, {@code MotorVehicleID}) has
 * 48: its source image's id, the object type ({@code 06} face, {@code 02} motor vehicle) and a
 * 5-digit serial within that image. Times are Beijing time, as devices in China keep them.
 */
public final class ViidIds {

  /** Devices write local time; Beijing has no daylight saving. */
  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  public static final String SUBTYPE_IMAGE = "02";
  public static final String OBJECT_MOTOR_VEHICLE = "02";
  public static final String OBJECT_FACE = "06";

  public static final int IMAGE_ID_LENGTH = 41;
  public static final int OBJECT_ID_LENGTH = 48;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(BEIJING);

  private ViidIds() {}

  /** {@code yyyyMMddHHmmss} in Beijing time. */
  public static String time(Instant at) {
    return TIME.format(at);
  }

  /** A 41-character image id; the serial is taken modulo 100000. */
  public static String imageId(String deviceId, Instant shotAt, long serial) {
    return deviceId + SUBTYPE_IMAGE + time(shotAt) + fiveDigits(serial);
  }

  /**
   * A 48-character object id for the {@code index}-th object (from 1) in image {@code sourceId}.
   */
  public static String objectId(String sourceId, String objectType, int index) {
    return sourceId + objectType + fiveDigits(index);
  }

  private static String fiveDigits(long serial) {
    return String.format(Locale.ROOT, "%05d", Math.floorMod(serial, 100_000L));
  }
}
