package org.sharpeyes.sims.plate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The JSON body a plate reader POSTs to the edge-agent's plate endpoint. Optional fields that are
 * {@code null} are left out of the JSON.
 *
 * @param plate the plate as the reader wrote it (not necessarily normalised); required
 * @param color plate colour: blue, yellow, green, white or black
 * @param time when the reader saw the vehicle, ISO-8601 with offset and milliseconds, e.g. {@code
 *     2026-11-27T10:15:30.123+08:00}; required
 * @param direction {@code in} or {@code out}
 * @param lane lane number from 1
 * @param confidence OCR confidence 0..1; required
 * @param vehicleClass e.g. {@code car}, {@code truck}
 * @param vehicleColor e.g. {@code white}
 * @param speedKmh speed in km/h
 * @param snapshotBase64 a JPEG of the plate, base64 (standard alphabet, padded)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "plate",
  "color",
  "time",
  "direction",
  "lane",
  "confidence",
  "vehicleClass",
  "vehicleColor",
  "speedKmh",
  "snapshotBase64"
})
public record PlateReadBody(
    String plate,
    String color,
    String time,
    String direction,
    Integer lane,
    double confidence,
    String vehicleClass,
    String vehicleColor,
    Double speedKmh,
    String snapshotBase64) {

  /** The reader's time format: milliseconds and a numeric offset. */
  public static final DateTimeFormatter TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private static final ObjectMapper JSON = new ObjectMapper();

  public PlateReadBody {
    Objects.requireNonNull(plate, "plate");
    Objects.requireNonNull(time, "time");
  }

  public static String formatTime(OffsetDateTime time) {
    return TIME_FORMAT.format(time);
  }

  public String toJson() {
    return new String(toJsonBytes(), StandardCharsets.UTF_8);
  }

  public byte[] toJsonBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      // Strings and numbers only: this cannot fail short of a broken Jackson.
      throw new IllegalStateException("cannot write plate read as JSON", e);
    }
  }

  /** This body without its snapshot, for logs. */
  public PlateReadBody withoutSnapshot() {
    return new PlateReadBody(
        plate,
        color,
        time,
        direction,
        lane,
        confidence,
        vehicleClass,
        vehicleColor,
        speedKmh,
        null);
  }
}
