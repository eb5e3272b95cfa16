package org.sharpeyes.schema.plate;

import java.util.Set;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;

/**
 * The kinds of civil plate that {@link PlateNumber} recognises (GA 36-2018), each with the colours
 * a plate of that kind can have and, where the text alone decides it, its GA 24.7 class code.
 */
public enum PlateKind {
  /** Province, authority letter, 5-character serial: blue (small), yellow (large), black. */
  ORDINARY("", Set.of(PlateColor.BLUE, PlateColor.YELLOW, PlateColor.BLACK), null),
  /** Small new-energy vehicle: 6-character serial starting with D or F (green, class 52). */
  SMALL_NEW_ENERGY("", Set.of(PlateColor.GREEN), "52"),
  /**
   * Large new-energy vehicle: 5 digits then D or F (yellow-green, class 51). Green is accepted too:
   * readers whose vocabulary has no yellow-green report these plates as green.
   */
  LARGE_NEW_ENERGY("", Set.of(PlateColor.YELLOW_GREEN, PlateColor.GREEN), "51"),
  /** Driving-school car, suffix 学 (yellow, class 16). */
  TRAINER("学", Set.of(PlateColor.YELLOW), "16"),
  /** Police car, suffix 警 (white, class 23). */
  POLICE("警", Set.of(PlateColor.WHITE), "23"),
  /** Trailer, suffix 挂 (yellow, class 15). */
  TRAILER("挂", Set.of(PlateColor.YELLOW), "15"),
  /** Hong Kong cross-boundary vehicle, 粤Z…港 (black, class 26). */
  HONG_KONG("港", Set.of(PlateColor.BLACK), "26"),
  /** Macau cross-boundary vehicle, 粤Z…澳 (black, class 27). */
  MACAU("澳", Set.of(PlateColor.BLACK), "27"),
  /** Embassy car, 使 then 6 digits (black, class 03). */
  EMBASSY("使", Set.of(PlateColor.BLACK), "03"),
  /** Consulate car, suffix 领 (black, class 04). */
  CONSULATE("领", Set.of(PlateColor.BLACK), "04");

  private final String mark;
  private final Set<PlateColor> colors;
  private final String plateClass;

  PlateKind(String mark, Set<PlateColor> colors, String plateClass) {
    this.mark = mark;
    this.colors = colors;
    this.plateClass = plateClass;
  }

  /** The special character of the kind (学, 警, 挂, 港, 澳, 使, 领), or empty. */
  public String mark() {
    return mark;
  }

  /** The background colours a plate of this kind can have. */
  public Set<PlateColor> colors() {
    return colors;
  }

  /** True for the two new-energy kinds. */
  public boolean newEnergy() {
    return this == SMALL_NEW_ENERGY || this == LARGE_NEW_ENERGY;
  }

  /**
   * The GA 24.7 plate class code of a plate of this kind and colour, or {@code null} when the text
   * and colour do not decide it (a yellow ordinary plate may be a large car or a motorcycle).
   */
  public String plateClass(PlateColor color) {
    if (this == ORDINARY) {
      return color == PlateColor.BLUE ? "02" : null;
    }
    return plateClass;
  }

  static PlateKind ofSuffix(String mark) {
    for (PlateKind k : values()) {
      if (!k.mark.isEmpty() && k != EMBASSY && k.mark.equals(mark)) {
        return k;
      }
    }
    return null;
  }

  /** Words for messages, e.g. {@code small new-energy}. */
  public String words() {
    return name()
        .toLowerCase(java.util.Locale.ROOT)
        .replace('_', ' ')
        .replace("new energy", "new-energy");
  }
}
