package org.sharpeyes.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of durations and sizes in our files, and their shortest exact form for messages.
 *
 * <p>Durations: a number and a unit, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code
 * 1d}; units in any case; a decimal is allowed when it comes to whole milliseconds ({@code 1.5s});
 * ISO-8601 ({@code PT30S}) is accepted too. Never negative. A bare number has no unit and is
 * refused by the {@link ConfigTree}, except {@code 0}.
 *
 * <p>Sizes: a whole number of bytes, or a whole number and a binary unit, {@code 512B}, {@code
 * 64KiB}, {@code 1MiB}, {@code 2GiB} (units in any case). Decimal units ({@code 2MB}, {@code 64k})
 * are refused as ambiguous, naming the binary unit meant.
 *
 * <p>A value too large for a {@code long} is not an error here: it saturates ({@link #TOO_LONG},
 * {@link Long#MAX_VALUE} bytes), so the range check of the key reports it with the range.
 */
public final class Quantities {

  /** What a duration longer than any {@code Duration} in milliseconds reads as. */
  public static final Duration TOO_LONG = Duration.ofMillis(Long.MAX_VALUE);

  private static final Pattern DURATION =
      Pattern.compile("(\\d+)(?:\\.(\\d+))?\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|kib|mib|gib)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DECIMAL_SIZE =
      Pattern.compile("(\\d+)\\s*([kmg])b?", Pattern.CASE_INSENSITIVE);

  /** Beyond this many digits a number is certainly out of every range; no arithmetic on it. */
  private static final int MAX_DIGITS = 30;

  private static final long MS_PER_DAY = 86_400_000L;
  private static final long MS_PER_HOUR = 3_600_000L;
  private static final long MS_PER_MINUTE = 60_000L;

  private Quantities() {}

  /**
   * Reads a duration.
   *
   * @throws IllegalArgumentException saying what to write instead
   */
  public static Duration parseDuration(String text) {
    String t = text.strip();
    if (t.startsWith("P") || t.startsWith("p")) {
      return iso(text, t);
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration — write a number and a unit: ms, s, m, h or d (e.g. 30s)");
    }
    String whole = m.group(1);
    String fraction = m.group(2) == null ? "" : m.group(2);
    if (whole.length() + fraction.length() > MAX_DIGITS) {
      return TOO_LONG;
    }
    long unitMillis =
        switch (m.group(3).toLowerCase(Locale.ROOT)) {
          case "ms" -> 1;
          case "s" -> 1000;
          case "m" -> MS_PER_MINUTE;
          case "h" -> MS_PER_HOUR;
          default -> MS_PER_DAY;
        };
    BigDecimal amount = new BigDecimal(fraction.isEmpty() ? whole : whole + "." + fraction);
    BigDecimal millis = amount.multiply(BigDecimal.valueOf(unitMillis));
    if (millis.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is finer than a millisecond — write a whole number of ms");
    }
    return millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
        ? TOO_LONG
        : Duration.ofMillis(millis.longValueExact());
  }

  private static Duration iso(String text, String t) {
    Duration d;
    try {
      d = Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO-8601 duration — write e.g. PT30S, or 30s");
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative — a duration is 0 or more");
    }
    if (d.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is finer than a millisecond — write a whole number of ms");
    }
    return d.compareTo(TOO_LONG) > 0 ? TOO_LONG : d;
  }

  /**
   * The shortest exact form: {@code 1d}, {@code 2h}, {@code 5m}, {@code 30s}, {@code 1500ms};
   * {@code 0s} for zero.
   */
  public static String format(Duration d) {
    long ms;
    try {
      ms = d.toMillis();
    } catch (ArithmeticException e) {
      return d.toSeconds() + "s";
    }
    if (ms == 0) {
      return "0s";
    }
    if (ms % MS_PER_DAY == 0) {
      return ms / MS_PER_DAY + "d";
    }
    if (ms % MS_PER_HOUR == 0) {
      return ms / MS_PER_HOUR + "h";
    }
    if (ms % MS_PER_MINUTE == 0) {
      return ms / MS_PER_MINUTE + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /**
   * Reads a size in bytes: digits alone, or digits and B, KiB, MiB or GiB.
   *
   * @throws IllegalArgumentException saying what to write instead
   */
  public static long parseSize(String text) {
    String t = text.strip();
    Matcher m = SIZE.matcher(t);
    if (m.matches()) {
      int shift =
          switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            default -> 0;
          };
      String digits = m.group(1);
      if (digits.length() > MAX_DIGITS) {
        return Long.MAX_VALUE;
      }
      BigDecimal bytes = new BigDecimal(digits).multiply(BigDecimal.valueOf(1L << shift));
      return bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
          ? Long.MAX_VALUE
          : bytes.longValueExact();
    }
    Matcher decimal = DECIMAL_SIZE.matcher(t);
    if (decimal.matches()) {
      String unit = decimal.group(2).toUpperCase(Locale.ROOT) + "iB";
      throw new IllegalArgumentException(
          "'" + text + "' is ambiguous — did you mean " + decimal.group(1) + unit + "?");
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a size — write a whole number and B, KiB, MiB or GiB (e.g. 2MiB)");
  }

  /** The shortest exact form: {@code 2GiB}, {@code 64KiB}, {@code 1536B}; {@code 0B} for zero. */
  public static String formatSize(long bytes) {
    String[] units = {"GiB", "MiB", "KiB"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return bytes + "B";
  }
}
