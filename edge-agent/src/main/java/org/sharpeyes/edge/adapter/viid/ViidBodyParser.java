package org.sharpeyes.edge.adapter.viid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * Reads the body of a GA/T 1400 object push ({@code {"MotorVehicleListObject": {
 * "MotorVehicleObject": [...]}}} and its siblings) into one {@link ViidObject} per object: read, or
 * refused with the status to answer. A body that is not JSON, or not the list the path expects, is
 * one {@link Result#whole} refusal. Bounds: {@code maxObjects} per body (the ones beyond are
 * refused one by one), {@code maxImagesPerObject}, {@code maxImageBytes} per decoded image, times
 * within {@code maxTimeSkew} of now. Never throws on any input. Thread-safe.
 */
final class ViidBodyParser {

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  static final int MAX_TEXT = 64;

  /** Image types (GA/T 1400.3 image type codes) in the order a vehicle's picture is chosen. */
  static final List<String> VEHICLE_IMAGE_ORDER = List.of("02", "09", "01", "14");

  /** Image types in the order a face's picture is chosen: the face crop, else the scene. */
  static final List<String> FACE_IMAGE_ORDER = List.of("11", "14");

  /**
   * What a body holds.
   *
   * @param whole when not {@code null}, the body as a whole was refused with this status
   */
  record Result(ViidObjectStatus whole, List<ViidObject> objects) {}

  private final ViidAdapterConfig.Limits limits;
  private final ZoneId zone;
  private final ObjectMapper json;

  ViidBodyParser(ViidAdapterConfig.Limits limits, ZoneId zone) {
    this.limits = limits;
    this.zone = zone;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxStringLength(limits.maxBodyBytes())
                    .build())
            .build();
    this.json = JsonMapper.builder(factory).build();
  }

  /** Reads a body pushed to {@code kind}'s path at {@code now}. */
  Result parse(ViidObjectKind kind, byte[] body, Instant now) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException | RuntimeException e) {
      return whole(ViidStatusCode.INVALID_JSON_FORMAT, "the body is not JSON", "bad-json");
    }
    JsonNode list = root == null ? null : root.path(kind.listName()).get(kind.objectName());
    if (list == null || !list.isArray()) {
      return whole(
          ViidStatusCode.INVALID_JSON_CONTENT,
          "expected {\"" + kind.listName() + "\": {\"" + kind.objectName() + "\": [...]}}",
          "bad-content");
    }
    List<ViidObject> objects = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode o = list.get(i);
      String id = text(o, kind == ViidObjectKind.IMAGES ? imageId(o) : o.get(kind.idField()));
      if (i >= limits.maxObjects()) {
        objects.add(
            refused(
                id,
                ViidStatusCode.DEVICE_BUSY,
                "more than " + limits.maxObjects() + " objects in one request; send it again",
                "too-many"));
        continue;
      }
      objects.add(read(kind, o, id == null ? "" : id, now));
    }
    return new Result(null, objects);
  }

  private ViidObject read(ViidObjectKind kind, JsonNode o, String id, Instant now) {
    if (!o.isObject()) {
      return refused(id, ViidStatusCode.INVALID_JSON_CONTENT, "not a JSON object", "bad-content");
    }
    if (!idValid(id, kind.idLength())) {
      return refused(
          id,
          ViidStatusCode.INVALID_JSON_CONTENT,
          kind.idField() + " must be " + kind.idLength() + " digits, was '" + clip(id) + "'",
          "bad-id");
    }
    if (!kind.mapped()) {
      return new ViidObject.Counted(id, kind);
    }
    String deviceId = text(o, o.get("DeviceID"));
    if (deviceId == null) {
      deviceId = id.substring(0, 20);
    } else if (!GbDeviceId.isValid(deviceId)) {
      return refused(
          id,
          ViidStatusCode.INVALID_JSON_CONTENT,
          "DeviceID must be 20 digits, was '" + clip(deviceId) + "'",
          "bad-id");
    }
    Images images =
        images(o, kind == ViidObjectKind.FACES ? FACE_IMAGE_ORDER : VEHICLE_IMAGE_ORDER);
    if (images.refusal != null) {
      return refused(id, ViidStatusCode.INVALID_JSON_CONTENT, images.refusal, images.outcome);
    }
    String timeField = kind == ViidObjectKind.FACES ? "FaceAppearTime" : "PassTime";
    String timeText = text(o, o.get(timeField));
    if (timeText == null) {
      timeText = images.shotTime;
    }
    Instant time = time(timeText);
    if (time == null) {
      return refused(
          id,
          ViidStatusCode.INVALID_JSON_CONTENT,
          timeField + " must be yyyyMMddHHmmss, was '" + clip(timeText) + "'",
          "bad-time");
    }
    Duration skew = Duration.between(now, time).abs();
    if (skew.compareTo(limits.maxTimeSkew()) > 0) {
      return refused(
          id,
          ViidStatusCode.INVALID_JSON_CONTENT,
          timeField
              + " "
              + timeText
              + " is "
              + skew.toMinutes()
              + " min from the edge's clock"
              + " (limit "
              + limits.maxTimeSkew().toMinutes()
              + " min); check the device's time",
          "time-skew");
    }
    return kind == ViidObjectKind.FACES
        ? face(o, id, deviceId, time, images.jpeg)
        : vehicle(o, id, deviceId, time, images.jpeg);
  }

  private ViidObject vehicle(JsonNode o, String id, String deviceId, Instant time, byte[] jpeg) {
    String plate = text(o, o.get("PlateNo"));
    if (plate == null || plate.isBlank() || plate.length() > 32) {
      return refused(
          id,
          ViidStatusCode.INVALID_JSON_CONTENT,
          "PlateNo missing or longer than 32 characters",
          "bad-content");
    }
    String plateClass = text(o, o.get("PlateClass"));
    if (plateClass != null && !plateClass.matches("[0-9]{2}")) {
      plateClass = null; // not a GA 24.7 code: the event says "unknown" rather than refuse a pass
    }
    Integer lane = whole(o.get("LaneNo"), 1, 16);
    Double speed = decimal(o.get("Speed"), 0, 400);
    Double confidence =
        lower(
            decimal(o.get("PlateReliability"), 0, 100),
            firstCharReliability(text(o, o.get("PlateCharReliability"))));
    return new ViidObject.Vehicle(
        id,
        deviceId,
        plate,
        text(o, o.get("PlateColor")),
        plateClass,
        text(o, o.get("VehicleColor")),
        text(o, o.get("VehicleClass")),
        text(o, o.get("Direction")),
        lane,
        speed,
        confidence == null ? null : confidence / 100,
        time,
        jpeg);
  }

  private ViidObject face(JsonNode o, String id, String deviceId, Instant time, byte[] jpeg) {
    int[] box = null;
    Integer x1 = whole(o.get("LeftTopX"), 0, 100_000);
    Integer y1 = whole(o.get("LeftTopY"), 0, 100_000);
    Integer x2 = whole(o.get("RightBtmX"), 0, 100_000);
    Integer y2 = whole(o.get("RightBtmY"), 0, 100_000);
    if (x1 != null && y1 != null && x2 != null && y2 != null && x2 > x1 && y2 > y1) {
      box = new int[] {x1, y1, x2 - x1, y2 - y1};
    }
    String source = text(o, o.get("SourceID"));
    String track = source != null && idValid(source, 41) ? source : null;
    return new ViidObject.Face(id, deviceId, track, time, box, jpeg);
  }

  private record Images(byte[] jpeg, String shotTime, String refusal, String outcome) {}

  private Images images(JsonNode o, List<String> order) {
    JsonNode list = o.path("SubImageList").get("SubImageInfoObject");
    if (list == null || list.isNull()) {
      return new Images(null, null, null, null);
    }
    if (!list.isArray()) {
      return new Images(null, null, "SubImageList.SubImageInfoObject is not a list", "bad-content");
    }
    if (list.size() > limits.maxImagesPerObject()) {
      return new Images(
          null,
          null,
          list.size() + " images; at most " + limits.maxImagesPerObject() + " per object",
          "too-many-images");
    }
    JsonNode chosen = null;
    int rank = Integer.MAX_VALUE;
    for (JsonNode image : list) {
      String data = text(image, image.get("Data"));
      if (data != null && (long) data.length() * 3 / 4 > limits.maxImageBytes()) {
        return new Images(
            null,
            null,
            "image "
                + clip(text(image, image.get("ImageID")))
                + " is larger than "
                + limits.maxImageBytes()
                + " bytes (viid.maxImageBytes)",
            "image-too-large");
      }
      int r = order.indexOf(text(image, image.get("Type")));
      if (data != null && r >= 0 && r < rank) {
        chosen = image;
        rank = r;
      }
    }
    if (chosen == null) {
      return new Images(null, null, null, null);
    }
    byte[] jpeg;
    try {
      jpeg = Base64.getMimeDecoder().decode(text(chosen, chosen.get("Data")));
    } catch (IllegalArgumentException e) {
      return new Images(null, null, "image Data is not base64", "bad-image");
    }
    if (jpeg.length < 3 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
      return new Images(null, null, "image Data is not a JPEG", "bad-image");
    }
    return new Images(jpeg, text(chosen, chosen.get("ShotTime")), null, null);
  }

  private static JsonNode imageId(JsonNode o) {
    return o.path("ImageInfo").get("ImageID");
  }

  Instant time(String text) {
    if (text == null || text.length() != 14) {
      return null;
    }
    try {
      return LocalDateTime.parse(text, TIME).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  static boolean idValid(String id, int length) {
    if (id == null || id.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String text(JsonNode o, JsonNode v) {
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    return v.asText();
  }

  private static Double lower(Double a, Double b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Math.min(a, b);
  }

  /**
   * The province character's reliability from {@code PlateCharReliability}, which lists each
   * character with its reliability 0..100: {@code 湘-80,J-90,1-90,...}; {@code null} when absent or
   * not in that form.
   */
  static Double firstCharReliability(String perChar) {
    if (perChar == null) {
      return null;
    }
    int comma = perChar.indexOf(',');
    String first = comma < 0 ? perChar : perChar.substring(0, comma);
    int dash = first.lastIndexOf('-');
    if (dash < 0 || dash == first.length() - 1 || first.length() - dash > 4) {
      return null;
    }
    try {
      int value = Integer.parseInt(first.substring(dash + 1).trim());
      return value >= 0 && value <= 100 ? (double) value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer whole(JsonNode v, int min, int max) {
    if (v == null || !(v.isIntegralNumber() || v.isTextual())) {
      return null;
    }
    try {
      long n = v.isTextual() ? Long.parseLong(v.asText().strip()) : v.asLong();
      return n >= min && n <= max ? (int) n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double decimal(JsonNode v, double min, double max) {
    if (v == null || !(v.isNumber() || v.isTextual())) {
      return null;
    }
    try {
      double d = v.isTextual() ? Double.parseDouble(v.asText().strip()) : v.asDouble();
      return d >= min && d <= max ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
  }

  private static ViidObject.Refused refused(
      String id, ViidStatusCode code, String reason, String outcome) {
    String safe = id == null ? "" : clip(id);
    return new ViidObject.Refused(safe, ViidObjectStatus.refused(safe, code, reason, outcome));
  }

  private static Result whole(ViidStatusCode code, String reason, String outcome) {
    return new Result(ViidObjectStatus.refused("", code, reason, outcome), List.of());
  }
}
