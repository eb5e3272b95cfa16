package org.sharpeyes.edge.adapter.viid;

import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** GA/T 1400 objects as devices push them, with invented plates. */
final class ViidSamples {

  private ViidSamples() {}

  /** A 48-digit object id: device 20 + type 02 + time 14 + serial 5 + object type + serial 5. */
  static String objectId(String deviceId, String time, int serial, String objectType) {
    String source = sourceId(deviceId, time, serial);
    return source + objectType + String.format("%05d", serial);
  }

  /** A 41-digit image/source id: device 20 + type 02 + time 14 + serial 5. */
  static String sourceId(String deviceId, String time, int serial) {
    return deviceId + "02" + time + String.format("%05d", serial);
  }

  static String image(String imageId, String type, String time, byte[] jpeg) {
    return "{\"ImageID\":\""
        + imageId
        + "\",\"EventSort\":2,\"DeviceID\":\""
        + imageId.substring(0, 20)
        + "\",\"Type\":\""
        + type
        + "\",\"FileFormat\":\"Jpeg\",\"ShotTime\":\""
        + time
        + "\",\"Width\":1920,\"Height\":1080,\"Data\":\""
        + Base64.getEncoder().encodeToString(jpeg)
        + "\"}";
  }

  static String vehicle(String id, String deviceId, String plate, String time, String images) {
    return "{\"MotorVehicleID\":\""
        + id
        + "\",\"InfoKind\":1,\"SourceID\":\""
        + id.substring(0, Math.min(41, id.length()))
        + "\",\"DeviceID\":\""
        + deviceId
        + "\",\"HasPlate\":\"1\",\"PlateClass\":\"02\","
        + "\"PlateColor\":\"5\",\"PlateNo\":\""
        + plate
        + "\",\"Speed\":62.5,\"LaneNo\":2,"
        + "\"Direction\":\"1\",\"VehicleClass\":\"K33\",\"VehicleColor\":\"2\","
        + "\"PassTime\":\""
        + time
        + "\",\"SubImageList\":{\"SubImageInfoObject\":["
        + images
        + "]}}";
  }

  static String vehicles(List<String> objects) {
    return "{\"MotorVehicleListObject\":{\"MotorVehicleObject\":["
        + objects.stream().collect(Collectors.joining(","))
        + "]}}";
  }

  static String face(String id, String deviceId, String time, String images) {
    return "{\"FaceID\":\""
        + id
        + "\",\"InfoKind\":1,\"SourceID\":\""
        + id.substring(0, Math.min(41, id.length()))
        + "\",\"DeviceID\":\""
        + deviceId
        + "\",\"LeftTopX\":163,\"LeftTopY\":726,"
        + "\"RightBtmX\":334,\"RightBtmY\":897,\"FaceAppearTime\":\""
        + time
        + "\","
        + "\"SubImageList\":{\"SubImageInfoObject\":["
        + images
        + "]}}";
  }

  static String faces(List<String> objects) {
    return "{\"FaceListObject\":{\"FaceObject\":["
        + objects.stream().collect(Collectors.joining(","))
        + "]}}";
  }
}
