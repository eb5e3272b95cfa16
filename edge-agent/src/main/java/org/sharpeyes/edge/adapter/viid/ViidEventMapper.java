package org.sharpeyes.edge.adapter.viid;

import java.time.Instant;
import java.util.Map;
import org.sharpeyes.schema.event.BoundingBox;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.FaceCaptured;
import org.sharpeyes.schema.event.FaceMatched;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.schema.plate.PlateParse;

/**
 * Turns GA/T 1400 objects into contract events ({@code seq} 0; the sink numbers them). Each event
 * carries the capturing device's own id. The code tables are in {@code docs/gat1400.md}.
 * Thread-safe.
 */
final class ViidEventMapper {

  /**
   * {@code PlateColor} codes: GA/T 1400.3 colour codes (digits) and, as some devices send them, GA
   * 24.8 colour letters.
   */
  static final Map<String, PlateColor> PLATE_COLORS =
      Map.ofEntries(
          Map.entry("1", PlateColor.BLACK),
          Map.entry("2", PlateColor.WHITE),
          Map.entry("5", PlateColor.BLUE),
          Map.entry("6", PlateColor.YELLOW),
          Map.entry("9", PlateColor.GREEN),
          Map.entry("J", PlateColor.BLACK),
          Map.entry("A", PlateColor.WHITE),
          Map.entry("H", PlateColor.BLUE),
          Map.entry("C", PlateColor.YELLOW),
          Map.entry("G", PlateColor.GREEN));

  /** {@code VehicleColor} codes (GA/T 1400.3 colour codes) in words. */
  static final Map<String, String> VEHICLE_COLORS =
      Map.ofEntries(
          Map.entry("1", "black"),
          Map.entry("2", "white"),
          Map.entry("3", "grey"),
          Map.entry("4", "red"),
          Map.entry("5", "blue"),
          Map.entry("6", "yellow"),
          Map.entry("7", "orange"),
          Map.entry("8", "brown"),
          Map.entry("9", "green"),
          Map.entry("10", "purple"),
          Map.entry("11", "cyan"),
          Map.entry("12", "pink"),
          Map.entry("13", "transparent"),
          Map.entry("99", "other"));

  /** GA 24.7 plate classes of large new-energy vehicles, whose plates are yellow-green. */
  static final String LARGE_NEW_ENERGY = "51";

  private final String edgeId;
  private final EventIds eventIds;

  ViidEventMapper(String edgeId, EventIds eventIds) {
    this.edgeId = edgeId;
    this.eventIds = eventIds;
  }

  /** The one place GA/T 1400 plates are read: by the national grammar (docs/plates.md). */
  static PlateParse plate(String raw) {
    return PlateNumber.parse(raw);
  }

  /**
   * The plate colour the event carries: the device's code, yellow-green for a large new-energy
   * vehicle (GA 24.7 class 51), and {@code null} when the code is unknown or does not fit the plate
   * (a misread colour is left out rather than refuse the pass; {@link #colorNote} says so).
   */
  static PlateColor color(PlateNumber plate, ViidObject.Vehicle v) {
    PlateColor color = PLATE_COLORS.get(v.plateColor());
    if (LARGE_NEW_ENERGY.equals(v.plateClass())
        && (color == PlateColor.GREEN || color == PlateColor.YELLOW)) {
      color = PlateColor.YELLOW_GREEN;
    }
    return color == null || plate.colorProblem(color).isPresent() ? null : color;
  }

  /** Why the device's colour was left out, or {@code null} when it was kept or not sent. */
  static String colorNote(PlateNumber plate, ViidObject.Vehicle v) {
    PlateColor color = PLATE_COLORS.get(v.plateColor());
    if (v.plateColor() == null) {
      return null;
    }
    if (color == null) {
      return "PlateColor '" + ViidBodyParser.clip(v.plateColor()) + "' is not a colour code";
    }
    return color(plate, v) == null ? plate.colorProblem(color).orElse(null) : null;
  }

  /**
   * A vehicle pass as {@code vehicle.sighted}, timed at its {@code PassTime}.
   *
   * @param plate the pass's plate, parsed by {@link #plate}
   */
  EdgeEvent vehicle(ViidObject.Vehicle v, PlateNumber plate) {
    PlateColor color = color(plate, v);
    String plateClass =
        v.plateClass() != null ? v.plateClass() : color == null ? null : plate.plateClass(color);
    VehicleSighted data =
        new VehicleSighted(
            plate.toString(),
            v.plateNo(),
            color,
            plateClass,
            shortText(v.vehicleClass()),
            v.vehicleColor() == null
                ? null
                : VEHICLE_COLORS.getOrDefault(v.vehicleColor(), shortText(v.vehicleColor())),
            shortText(v.direction()),
            v.lane(),
            v.speedKmh(),
            v.confidence() == null ? 1.0 : v.confidence(),
            snapshot(v.snapshotJpeg()));
    return new EdgeEvent(eventIds.next(), edgeId, v.deviceId(), 0, v.passTime(), data);
  }

  /** A face nobody on the watchlist matched (or face analysis is off) as {@code face.captured}. */
  EdgeEvent captured(ViidObject.Face f, double quality) {
    int[] b = f.box();
    BoundingBox box =
        b == null ? new BoundingBox(0, 0, 1, 1) : new BoundingBox(b[0], b[1], b[2], b[3]);
    FaceCaptured data = new FaceCaptured(box, clamp(quality), snapshot(f.faceJpeg()), null);
    return new EdgeEvent(eventIds.next(), edgeId, f.deviceId(), 0, f.shotTime(), data);
  }

  /** A confirmed watchlist match as {@code face.matched}. */
  EdgeEvent matched(
      ViidObject.Face f,
      String personId,
      double similarity,
      double threshold,
      String modelId,
      int capturesAgreeing,
      Instant at) {
    FaceMatched data =
        new FaceMatched(
            personId,
            clamp(similarity),
            threshold,
            modelId,
            capturesAgreeing,
            snapshot(f.faceJpeg()));
    return new EdgeEvent(eventIds.next(), edgeId, f.deviceId(), 0, at, data);
  }

  private static String shortText(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    return s.length() <= 32 ? s : s.substring(0, 32);
  }

  private static SnapshotRef snapshot(byte[] jpeg) {
    return jpeg == null ? null : new SnapshotRef(SnapshotRef.JPEG, jpeg.length);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
