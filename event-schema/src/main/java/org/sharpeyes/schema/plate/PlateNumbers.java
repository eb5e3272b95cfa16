package org.sharpeyes.schema.plate;

import java.util.Locale;

/**
 * Normalises licence plates so that the edge and the server compare the same strings, whatever the
 * reader sent: full-width characters become half-width, letters become upper case, and separators
 * (spaces, dots, middle dots, hyphens, underscores) are removed. Chinese characters (the province
 * abbreviation, and suffixes such as 学, 警, 挂) are kept.
 */
public final class PlateNumbers {

  private PlateNumbers() {}

  public static String normalise(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(raw.length());
    raw.codePoints()
        .forEach(
            cp -> {
              int c = toHalfWidth(cp);
              if (isSeparator(c)) {
                return;
              }
              if (c < 0x80) {
                out.append(Character.toUpperCase((char) c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /** True when a normalised plate has a plausible shape: a province character, then 6–7 alnums. */
  public static boolean looksValid(String normalised) {
    return normalised != null
        && normalised.matches("[\\p{IsHan}][A-Z][A-Z0-9]{4,6}[\\p{IsHan}A-Z0-9]?");
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
