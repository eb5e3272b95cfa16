package org.sharpeyes.sims.plate;

import java.util.Locale;

/**
 * The ways real plate readers write the same plate. Every style normalises back to the plate it was
 * made from (see {@code PlateNumber#normalise}), so the edge's normalisation is exercised without
 * changing which vehicle was seen.
 */
public enum PlateStyle {
  /** {@code 湘JA1234}: already normalised. */
  PLAIN,
  /** {@code 湘J·A1234}: the middle dot printed on the physical plate. */
  MIDDLE_DOT,
  /** {@code 湘J A1234}. */
  SPACE,
  /** {@code 湘J-A1234}. */
  HYPHEN,
  /** {@code 湘ＪＡ１２３４}: full-width letters and digits, as some GBK-era firmware sends. */
  FULL_WIDTH,
  /** {@code 湘ja1234}. */
  LOWER_CASE,
  /** {@code 湘ｊ ａ１２３４}: full width, lower case and a space at once. */
  MIXED;

  /**
   * Writes a normalised plate in this style.
   *
   * @param plate a normalised plate: province character, city letter, then alphanumerics
   */
  public String write(String plate) {
    return switch (this) {
      case PLAIN -> plate;
      case MIDDLE_DOT -> splitAfterCityLetter(plate, "·");
      case SPACE -> splitAfterCityLetter(plate, " ");
      case HYPHEN -> splitAfterCityLetter(plate, "-");
      case FULL_WIDTH -> toFullWidth(plate);
      case LOWER_CASE -> plate.toLowerCase(Locale.ROOT);
      case MIXED -> splitAfterCityLetter(toFullWidth(plate.toLowerCase(Locale.ROOT)), " ");
    };
  }

  private static String splitAfterCityLetter(String plate, String separator) {
    if (plate.codePointCount(0, plate.length()) < 3) {
      return plate;
    }
    int cut = plate.offsetByCodePoints(0, 2);
    return plate.substring(0, cut) + separator + plate.substring(cut);
  }

  private static String toFullWidth(String plate) {
    StringBuilder out = new StringBuilder(plate.length());
    plate
        .codePoints()
        .forEach(
            cp -> {
              boolean asciiAlnum =
                  (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
              out.appendCodePoint(asciiAlnum ? cp + 0xFEE0 : cp);
            });
    return out.toString();
  }
}
