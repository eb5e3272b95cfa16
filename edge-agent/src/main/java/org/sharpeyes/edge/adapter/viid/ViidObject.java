package org.sharpeyes.edge.adapter.viid;

import java.time.Instant;

/** One object of a push, as read and checked by {@link ViidBodyParser}. */
sealed interface ViidObject {

  /** The object's id ({@code FaceID}, {@code MotorVehicleID}…); may be empty when it had none. */
  String id();

  /**
   * A motor vehicle pass (GA/T 1400 {@code MotorVehicleObject}).
   *
   * @param deviceId the capturing device ({@code DeviceID}, else the id's first 20 digits)
   * @param plateNo {@code PlateNo} as sent
   * @param plateColor {@code PlateColor} code as sent, or {@code null}
   * @param plateClass {@code PlateClass} (GA 24.7 two digits), or {@code null}
   * @param vehicleColor {@code VehicleColor} code as sent, or {@code null}
   * @param vehicleClass {@code VehicleClass} code as sent, or {@code null}
   * @param direction {@code Direction} as sent, or {@code null}
   * @param lane {@code LaneNo} 1..16, or {@code null}
   * @param speedKmh {@code Speed}, or {@code null}
   * @param confidence the reader's confidence 0..1 from {@code PlateReliability} and the province
   *     character's {@code PlateCharReliability} (the lower), or {@code null} when it sent neither
   * @param passTime {@code PassTime}
   * @param snapshotJpeg the chosen picture, or {@code null}
   */
  record Vehicle(
      String id,
      String deviceId,
      String plateNo,
      String plateColor,
      String plateClass,
      String vehicleColor,
      String vehicleClass,
      String direction,
      Integer lane,
      Double speedKmh,
      Double confidence,
      Instant passTime,
      byte[] snapshotJpeg)
      implements ViidObject {}

  /**
   * A face capture (GA/T 1400 {@code FaceObject}).
   *
   * @param deviceId the capturing device
   * @param trackId what ties captures of one face together ({@code SourceID}'s scene when the
   *     device sends one per track), or {@code null}
   * @param shotTime {@code FaceAppearTime}, else the face image's {@code ShotTime}
   * @param box {@code LeftTopX/Y}, {@code RightBtmX/Y}, or {@code null}
   * @param faceJpeg the face picture (image type 11), else the scene (14), or {@code null}
   */
  record Face(
      String id, String deviceId, String trackId, Instant shotTime, int[] box, byte[] faceJpeg)
      implements ViidObject {}

  /** An object of a kind that is acknowledged and counted only. */
  record Counted(String id, ViidObjectKind kind) implements ViidObject {}

  /** An object refused, with the status to answer. */
  record Refused(String id, ViidObjectStatus status) implements ViidObject {}
}
