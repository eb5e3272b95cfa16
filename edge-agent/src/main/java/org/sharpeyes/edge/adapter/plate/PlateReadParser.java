package org.sharpeyes.edge.adapter.plate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sharpeyes.schema.codec.Problem;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.schema.plate.PlateParse;

/**
 * Reads the generic plate read JSON (documented in {@code docs/config.md}) and checks every field,
 * collecting all problems. The plate must be a plate by the national grammar ({@link PlateNumber})
 * and the colour one that such a plate can have; otherwise the read is refused with the reason.
 * Fields it does not know are ignored, so vendors may send extras. Never throws on any input.
 * Thread-safe.
 */
public final class PlateReadParser {

  static final int MAX_TEXT = 32;
  static final int MAX_LANE = 16;
  static final double MAX_SPEED_KMH = 400;

  /** Times accepted for {@code time} (epoch milliseconds or ISO-8601): 2000-01-01 .. 2100-01-01. */
  static final long MIN_EPOCH_MS = 946_684_800_000L;

  static final long MAX_EPOCH_MS = 4_102_444_800_000L;

  private static final Instant EARLIEST = Instant.ofEpochMilli(MIN_EPOCH_MS);
  private static final Instant LATEST = Instant.ofEpochMilli(MAX_EPOCH_MS);

  private static final Map<String, PlateColor> COLORS =
      Map.ofEntries(
          Map.entry("blue", PlateColor.BLUE),
          Map.entry("蓝", PlateColor.BLUE),
          Map.entry("yellow", PlateColor.YELLOW),
          Map.entry("黄", PlateColor.YELLOW),
          Map.entry("green", PlateColor.GREEN),
          Map.entry("绿", PlateColor.GREEN),
          Map.entry("white", PlateColor.WHITE),
          Map.entry("白", PlateColor.WHITE),
          Map.entry("black", PlateColor.BLACK),
          Map.entry("黑", PlateColor.BLACK),
          Map.entry("yellow-green", PlateColor.YELLOW_GREEN),
          Map.entry("黄绿", PlateColor.YELLOW_GREEN));

  private final int maxSnapshotBytes;
  private final ObjectMapper json;

  public PlateReadParser(int maxSnapshotBytes) {
    this.maxSnapshotBytes = maxSnapshotBytes;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();
    this.json = JsonMapper.builder(factory).build();
  }

  /** Reads a JSON body whose snapshot, if any, is in {@code snapshotBase64}. */
  public PlateReadResult parse(byte[] body) {
    return parse(body, null);
  }

  /**
   * Reads a JSON read with the snapshot given separately (the {@code snapshot} part of a multipart
   * request), or {@code null}.
   */
  public PlateReadResult parse(byte[] body, byte[] snapshotPart) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      return invalid("$", "not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      return invalid("$", "expected a JSON object such as {\"plate\":\"湘J·A1234\",...}");
    }
    List<Problem> problems = new ArrayList<>();
    String plate = plate(root, problems);
    PlateColor color = color(root, problems);
    if (plate != null && color != null) {
      PlateNumber.tryParse(plate)
          .flatMap(p -> p.colorProblem(color))
          .ifPresent(p -> problems.add(new Problem("color", p)));
    }
    Instant time = time(root, problems);
    Double confidence = number(root, "confidence", 0, 1, true, problems);
    String direction = text(root, "direction", problems);
    Integer lane = lane(root, problems);
    String vehicleClass = text(root, "vehicleClass", problems);
    String vehicleColor = text(root, "vehicleColor", problems);
    Double speed = number(root, "speedKmh", 0, MAX_SPEED_KMH, false, problems);
    byte[] snapshot = snapshot(root, snapshotPart, problems);
    if (!problems.isEmpty()) {
      return new PlateReadResult.Invalid(problems);
    }
    return new PlateReadResult.Valid(
        new PlateRead(
            plate,
            color,
            time,
            direction,
            lane,
            confidence,
            vehicleClass,
            vehicleColor,
            speed,
            snapshot));
  }

  private static String plate(JsonNode root, List<Problem> problems) {
    JsonNode v = root.get("plate");
    if (v == null || v.isNull()) {
      problems.add(new Problem("plate", "missing — the plate as read, e.g. \"湘J·A1234\""));
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      problems.add(new Problem("plate", "expected the plate as text, e.g. \"湘J·A1234\""));
      return null;
    }
    String raw = v.asText();
    String normalised = PlateNumber.normalise(raw);
    if (raw.length() > MAX_TEXT) {
      problems.add(new Problem("plate", "longer than " + MAX_TEXT + " characters"));
      return null;
    }
    // Characters as the event schema counts them: code points, so an emoji is one, not two.
    int characters = normalised.codePointCount(0, normalised.length());
    if (characters < 2 || characters > 16) {
      problems.add(
          new Problem(
              "plate",
              "'"
                  + raw
                  + "' is not a plate — after removing separators it has "
                  + characters
                  + " characters, expected 2..16"));
      return null;
    }
    if (PlateNumber.parse(raw) instanceof PlateParse.Refused refused) {
      problems.add(new Problem("plate", refused.message() + " (GA 36 plate grammar)"));
      return null;
    }
    return raw;
  }

  private static PlateColor color(JsonNode root, List<Problem> problems) {
    JsonNode v = root.get("color");
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      return null;
    }
    String word = v.asText().trim().toLowerCase(Locale.ROOT);
    if (word.endsWith("色")) {
      word = word.substring(0, word.length() - 1);
    }
    PlateColor color = v.isTextual() ? COLORS.get(word) : null;
    if (color == null) {
      problems.add(
          new Problem(
              "color",
              "'"
                  + v.asText()
                  + "' is not a plate colour — expected blue, yellow, green, yellow-green, white,"
                  + " black (or 蓝, 黄, 绿, 黄绿, 白, 黑)"));
    }
    return color;
  }

  private static Instant time(JsonNode root, List<Problem> problems) {
    JsonNode v = root.get("time");
    String example = "e.g. \"2026-11-27T10:15:30.123+08:00\" or epoch milliseconds";
    if (v == null || v.isNull()) {
      problems.add(new Problem("time", "missing — when the vehicle was seen, " + example));
      return null;
    }
    if (v.isIntegralNumber()) {
      long ms = v.asLong();
      if (ms >= MIN_EPOCH_MS / 1000 && ms < MAX_EPOCH_MS / 1000) {
        problems.add(new Problem("time", ms + " looks like seconds — send epoch milliseconds"));
        return null;
      }
      if (ms < MIN_EPOCH_MS || ms >= MAX_EPOCH_MS) {
        problems.add(new Problem("time", ms + " is not a plausible time — " + example));
        return null;
      }
      return Instant.ofEpochMilli(ms);
    }
    if (!v.isTextual()) {
      problems.add(new Problem("time", "expected a timestamp, " + example));
      return null;
    }
    String text = v.asText().trim();
    try {
      Instant time = OffsetDateTime.parse(text).toInstant();
      // Same window as for epoch milliseconds; far outside it (year 999999999) an event cannot
      // even be encoded.
      if (time.isBefore(EARLIEST) || !time.isBefore(LATEST)) {
        problems.add(new Problem("time", "'" + text + "' is not a plausible time — " + example));
        return null;
      }
      return time;
    } catch (DateTimeParseException e) {
      boolean local = isLocalDateTime(text);
      problems.add(
          new Problem(
              "time",
              "'"
                  + text
                  + "' "
                  + (local
                      ? "has no UTC offset — add one, e.g. " + text + "+08:00"
                      : "is not an ISO-8601 timestamp — " + example)));
      return null;
    }
  }

  private static boolean isLocalDateTime(String text) {
    try {
      LocalDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Double number(
      JsonNode root, String key, double min, double max, boolean required, List<Problem> problems) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(new Problem(key, "missing — a number " + fmt(min) + ".." + fmt(max)));
      }
      return null;
    }
    if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
      problems.add(
          new Problem(key, "'" + v.asText() + "' is not a number " + fmt(min) + ".." + fmt(max)));
      return null;
    }
    return v.asDouble();
  }

  private static Integer lane(JsonNode root, List<Problem> problems) {
    JsonNode v = root.get("lane");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > MAX_LANE) {
      problems.add(new Problem("lane", "'" + v.asText() + "' is not a lane number 1.." + MAX_LANE));
      return null;
    }
    return v.asInt();
  }

  private static String text(JsonNode root, String key, List<Problem> problems) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().length() > MAX_TEXT) {
      problems.add(new Problem(key, "expected text of at most " + MAX_TEXT + " characters"));
      return null;
    }
    return v.asText().isBlank() ? null : v.asText();
  }

  private byte[] snapshot(JsonNode root, byte[] part, List<Problem> problems) {
    JsonNode v = root.get("snapshotBase64");
    boolean inline = v != null && !v.isNull();
    if (inline && part != null) {
      problems.add(
          new Problem(
              "snapshotBase64",
              "the snapshot came twice — send either this field or the snapshot part"));
      return null;
    }
    if (part != null) {
      return checkJpeg("snapshot", part, problems);
    }
    if (!inline) {
      return null;
    }
    if (!v.isTextual()) {
      problems.add(new Problem("snapshotBase64", "expected base64 text of a JPEG image"));
      return null;
    }
    String text = v.asText();
    int comma = text.startsWith("data:") ? text.indexOf(',') : -1;
    String base64 = text.substring(comma + 1).replaceAll("\\s", "");
    if ((long) base64.length() * 3 / 4 > maxSnapshotBytes + 2L) {
      problems.add(
          new Problem(
              "snapshotBase64",
              "the image is larger than the limit of " + maxSnapshotBytes + " bytes"));
      return null;
    }
    try {
      return checkJpeg("snapshotBase64", Base64.getDecoder().decode(base64), problems);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem("snapshotBase64", "not valid base64: " + e.getMessage()));
      return null;
    }
  }

  private byte[] checkJpeg(String path, byte[] bytes, List<Problem> problems) {
    if (bytes.length > maxSnapshotBytes) {
      problems.add(
          new Problem(
              path,
              "the image is "
                  + bytes.length
                  + " bytes, larger than the limit of "
                  + maxSnapshotBytes
                  + " bytes"));
      return null;
    }
    if (bytes.length < 2 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != 0xD8) {
      problems.add(new Problem(path, "not a JPEG image (it must start with bytes FF D8)"));
      return null;
    }
    return bytes;
  }

  private static PlateReadResult invalid(String path, String message) {
    return new PlateReadResult.Invalid(List.of(new Problem(path, message)));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
