package org.sharpeyes.sims.plate;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.random.RandomGenerator;
import org.sharpeyes.schema.plate.PlateKind;
import org.sharpeyes.schema.plate.PlateNumber;

/**
 * Turns plate draws into reader bodies with plausible attributes (colour, lane, direction, speed,
 * vehicle, confidence). Every choice comes from the caller's generator, so a seed fixes the whole
 * sequence except the timestamps. Not thread-safe: one factory per issuing thread.
 */
public final class PlateReadFactory {

  /** Readers in the demo city stamp local time (China Standard Time). */
  public static final ZoneOffset READER_OFFSET = ZoneOffset.ofHours(8);

  private static final List<String> VEHICLE_CLASSES =
      List.of("car", "car", "car", "car", "suv", "suv", "van", "truck", "bus");
  private static final List<String> VEHICLE_COLORS =
      List.of("white", "white", "black", "silver", "grey", "red", "blue");

  private final Clock clock;
  private final RandomGenerator random;
  private final SnapshotRenderer snapshots;

  /**
   * @param snapshots renders snapshots, or {@code null} to send reads without one
   */
  public PlateReadFactory(Clock clock, RandomGenerator random, SnapshotRenderer snapshots) {
    this.clock = clock;
    this.random = random;
    this.snapshots = snapshots;
  }

  public PlateReadBody bodyFor(PlateDraw draw) {
    String vehicleClass = VEHICLE_CLASSES.get(random.nextInt(VEHICLE_CLASSES.size()));
    String color = plateColor(draw.plate(), vehicleClass);
    String direction = random.nextBoolean() ? "in" : "out";
    int lane = 1 + random.nextInt(4);
    double confidence = Math.round((0.80 + random.nextDouble() * 0.19) * 100) / 100.0;
    String vehicleColor = VEHICLE_COLORS.get(random.nextInt(VEHICLE_COLORS.size()));
    double speedKmh = Math.round((15 + random.nextDouble() * 65) * 10) / 10.0;
    String time = PlateReadBody.formatTime(clock.instant().atOffset(READER_OFFSET));
    String snapshot =
        snapshots == null ? null : snapshots.base64Jpeg(draw.raw(), color).orElse(null);
    return new PlateReadBody(
        draw.raw(),
        color,
        time,
        direction,
        lane,
        confidence,
        vehicleClass,
        vehicleColor,
        speedKmh,
        snapshot);
  }

  /**
   * A colour the plate can have (GA 36): small new-energy plates green, large ones yellow-green,
   * special plates their kind's colour; ordinary plates yellow on big vehicles, else blue.
   */
  static String plateColor(String plate, String vehicleClass) {
    PlateKind kind = PlateNumber.tryParse(plate).map(PlateNumber::kind).orElse(PlateKind.ORDINARY);
    return switch (kind) {
      case ORDINARY ->
          "truck".equals(vehicleClass) || "bus".equals(vehicleClass) ? "yellow" : "blue";
      case SMALL_NEW_ENERGY -> "green";
      case LARGE_NEW_ENERGY -> "yellow-green";
      default -> PlateNumber.colorWord(kind.colors().iterator().next());
    };
  }
}
