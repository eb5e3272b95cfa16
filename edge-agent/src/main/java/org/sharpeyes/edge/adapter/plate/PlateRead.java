package org.sharpeyes.edge.adapter.plate;

import java.time.Instant;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;

/**
 * One plate read as the reader pushed it, checked but not yet normalised.
 *
 * @param plateRaw the plate exactly as sent, e.g. {@code 湘J·A1234}
 * @param color plate colour, or {@code null}
 * @param time when the reader saw the vehicle
 * @param direction travel direction as the reader reports it, or {@code null}
 * @param lane lane number 1..16, or {@code null}
 * @param confidence OCR confidence 0..1
 * @param vehicleClass e.g. {@code car}, or {@code null}
 * @param vehicleColor or {@code null}
 * @param speedKmh km/h 0..400, or {@code null}
 * @param snapshotJpeg the JPEG image, or {@code null}
 */
public record PlateRead(
    String plateRaw,
    PlateColor color,
    Instant time,
    String direction,
    Integer lane,
    double confidence,
    String vehicleClass,
    String vehicleColor,
    Double speedKmh,
    byte[] snapshotJpeg) {}
