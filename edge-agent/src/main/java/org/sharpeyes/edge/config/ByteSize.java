package org.sharpeyes.edge.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as written in the config file: {@code 512KiB}, {@code 2MiB}, {@code 1GiB}, {@code 100B}.
 */
final class ByteSize {

  private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB|GiB)");
  private static final Pattern DECIMAL_UNIT =
      Pattern.compile("(\\d{1,12})\\s*([kKmMgG])[bB]?", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  /**
   * Parses a size with a binary unit.
   *
   * @throws IllegalArgumentException saying what to write instead
   */
  static long parse(String text) {
    String t = text.trim();
    Matcher m = FORM.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "B" -> 1;
            case "KiB" -> 1024;
            case "MiB" -> 1024 * 1024;
            default -> 1024 * 1024 * 1024;
          };
      try {
        return Math.multiplyExact(n, unit);
      } catch (ArithmeticException e) {
        // A silent wrap-around could turn an absurd size into a plausible one.
        throw new IllegalArgumentException("'" + text + "' is too large to be a size");
      }
    }
    Matcher decimal = DECIMAL_UNIT.matcher(t);
    if (decimal.matches()) {
      String unit = decimal.group(2).toUpperCase(Locale.ROOT) + "iB";
      throw new IllegalArgumentException(
          "'" + text + "' is ambiguous — did you mean " + decimal.group(1) + unit + "?");
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a size — write a whole number and B, KiB, MiB or GiB (e.g. 2MiB)");
  }

  /** The shortest exact form, e.g. {@code 2MiB}, {@code 1536B}. */
  static String format(long bytes) {
    String[] units = {"GiB", "MiB", "KiB"};
    long[] factors = {1024L * 1024 * 1024, 1024L * 1024, 1024L};
    for (int i = 0; i < units.length; i++) {
      if (bytes > 0 && bytes % factors[i] == 0) {
        return bytes / factors[i] + units[i];
      }
    }
    return bytes + "B";
  }
}
