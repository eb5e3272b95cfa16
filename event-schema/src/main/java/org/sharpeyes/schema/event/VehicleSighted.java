package org.sharpeyes.schema.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A licence plate read by a plate reader or checkpoint camera.
 *
 * @param plateNumber normalised plate (see {@code PlateNumber#normalise}), valid by the GA 36
 *     grammar ({@code PlateNumber#parse}; the codec refuses others)
 * @param plateRaw the plate exactly as the reader sent it
 * @param plateColor colour of the plate, or {@code null} when unknown
 * @param plateClass the plate's class as a GA 24.7 two-digit code (e.g. {@code 02} small car,
 *     {@code 52} small new-energy car), or {@code null} when unknown
 * @param vehicleClass e.g. {@code car}, {@code truck}; {@code null} when unknown
 * @param vehicleColor {@code null} when unknown
 * @param direction travel direction as the reader reports it, or {@code null}
 * @param lane lane number from 1, or {@code null}
 * @param speedKmh speed in km/h, or {@code null}
 * @param confidence OCR confidence, 0..1
 * @param snapshot the image, or {@code null}
 */
public record VehicleSighted(
    String plateNumber,
    String plateRaw,
    PlateColor plateColor,
    String plateClass,
    String vehicleClass,
    String vehicleColor,
    String direction,
    Integer lane,
    Double speedKmh,
    double confidence,
    SnapshotRef snapshot)
    implements EventData {

  @Override
  public EventType eventType() {
    return EventType.VEHICLE_SIGHTED;
  }

  /** Plate background colours in use in China (GA 36). */
  public enum PlateColor {
    @JsonProperty("blue")
    BLUE,
    @JsonProperty("yellow")
    YELLOW,
    @JsonProperty("green")
    GREEN,
    @JsonProperty("white")
    WHITE,
    @JsonProperty("black")
    BLACK,
    /** Yellow-green: large new-energy vehicles. */
    @JsonProperty("yellow-green")
    YELLOW_GREEN
  }
}
