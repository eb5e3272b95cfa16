package org.sharpeyes.schema.plate;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;

/**
 * A Chinese civil licence plate, parsed by the grammar of GA 36-2018 (see {@code docs/plates.md}):
 * province abbreviation, issuing-authority letter, serial, and the mark of special plates. Build
 * one with {@link #parse}; what is not a plate is refused with the reason, never guessed.
 *
 * @param text the normalised plate, e.g. {@code 湘JA1234}
 * @param province the province abbreviation, e.g. {@code 湘}; empty for embassy plates
 * @param authority the issuing-authority letter, e.g. {@code J}; empty for embassy plates
 * @param serial the serial after the authority letter, without the mark (embassy: the 6 digits)
 * @param kind ordinary, new-energy or one of the special kinds
 */
public record PlateNumber(
    String text, String province, String authority, String serial, PlateKind kind) {

  /** The 31 province abbreviations of the mainland. */
  public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

  /** Letters that plates use: every letter but I and O (they look like 1 and 0). */
  public static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

  /** New-energy letters of pure-electric vehicles (D; A, B, C, E since the 2022 extension). */
  public static final String PURE_ELECTRIC = "DABCE";

  /** New-energy letters of other new-energy vehicles (F; G, H, J, K since the 2022 extension). */
  public static final String OTHER_NEW_ENERGY = "FGHJK";

  /** Most letters in an ordinary or special serial. */
  public static final int MAX_SERIAL_LETTERS = 2;

  private static final String EMBASSY = "使";

  /** How a new-energy vehicle is powered, from its plate's new-energy letter. */
  public enum Energy {
    /** Not a new-energy plate. */
    NONE,
    /** D (or A, B, C, E): pure electric. */
    PURE_ELECTRIC,
    /** F (or G, H, J, K): plug-in hybrid, range extender, fuel cell. */
    OTHER_NEW_ENERGY
  }

  /**
   * Parses a plate as a reader may write it (separators, full-width characters and lower case are
   * normalised first with {@link #normalise}).
   */
  public static PlateParse parse(String input) {
    String s = normalise(input);
    String reason = PlateGrammar.problem(s);
    if (reason != null) {
      return new PlateParse.Refused(input == null ? "" : input, reason);
    }
    return new PlateParse.Parsed(PlateGrammar.build(s));
  }

  /** The plate, or empty when {@code input} is not a plate. */
  public static Optional<PlateNumber> tryParse(String input) {
    return parse(input) instanceof PlateParse.Parsed p ? Optional.of(p.plate()) : Optional.empty();
  }

  /** True when {@code input} is a plate by the grammar. */
  public static boolean isValid(String input) {
    return parse(input) instanceof PlateParse.Parsed;
  }

  /**
   * Normalises plate text so that the edge and the server compare the same strings, whatever the
   * reader sent: full-width characters become half-width, letters upper case, and separators
   * (spaces, dots, middle dots, hyphens, underscores) are removed. Chinese characters are kept.
   * {@code null} gives the empty string.
   */
  public static String normalise(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(raw.length());
    raw.codePoints()
        .forEach(
            cp -> {
              int c = toHalfWidth(cp);
              if (!isSeparator(c)) {
                out.appendCodePoint(c < 0x80 ? Character.toUpperCase(c) : c);
              }
            });
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /** The special mark after the serial (学, 警, 挂, 港, 澳, 领), or empty. */
  public String suffix() {
    return kind == PlateKind.EMBASSY ? "" : kind.mark();
  }

  /** How the vehicle is powered, as far as the plate says. */
  public Energy energy() {
    if (!kind.newEnergy()) {
      return Energy.NONE;
    }
    char letter = kind == PlateKind.SMALL_NEW_ENERGY ? serial.charAt(0) : serial.charAt(5);
    return PURE_ELECTRIC.indexOf(letter) >= 0 ? Energy.PURE_ELECTRIC : Energy.OTHER_NEW_ENERGY;
  }

  /** The background colours this plate can have. */
  public Set<PlateColor> colors() {
    return kind.colors();
  }

  /** The GA 24.7 class code implied by this plate and colour, or {@code null} when not implied. */
  public String plateClass(PlateColor color) {
    return kind.plateClass(color);
  }

  /**
   * Why {@code color} cannot be this plate's colour, or empty when it can (or is {@code null},
   * unknown), e.g. {@code '湘JD12345' is a small new-energy plate, which is green, not blue}.
   */
  public Optional<String> colorProblem(PlateColor color) {
    if (color == null || kind.colors().contains(color)) {
      return Optional.empty();
    }
    return Optional.of(
        "'"
            + text
            + "' is "
            + (kind == PlateKind.ORDINARY ? "an " : "a ")
            + kind.words()
            + " plate, which is "
            + String.join(
                " or ", kind.colors().stream().map(PlateNumber::colorWord).sorted().toList())
            + ", not "
            + colorWord(color));
  }

  /** The colour as the event schema writes it, e.g. {@code yellow-green}. */
  public static String colorWord(PlateColor color) {
    return color.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return text;
  }

  static boolean isEmbassyMark(int cp) {
    return EMBASSY.codePointAt(0) == cp;
  }

  private static int toHalfWidth(int cp) {
    if (cp == 0x3000) {
      return ' ';
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      return cp - 0xFEE0;
    }
    return cp;
  }

  private static boolean isSeparator(int c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '.'
        || c == '-'
        || c == '_'
        || c == 0x00B7 // middle dot ·
        || c == 0x2022 // bullet •
        || c == 0x30FB // katakana middle dot ・
        || c == 0x2027; // hyphenation point ‧
  }
}
