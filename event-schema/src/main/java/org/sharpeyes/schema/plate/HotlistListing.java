package org.sharpeyes.schema.plate;

import java.util.ArrayList;
import java.util.List;

/**
 * One listed plate or pattern, split for matching: province (or {@link #ANY}), the tail after it,
 * and whether it ends in {@code *}. Also compares a read with it (see {@link #compare}).
 */
record HotlistListing(String text, int province, int[] tail, boolean open) {

  /** A {@code ?} (any one character) in a listing, or an unread province in a read. */
  static final int ANY = -1;

  /** Fewest fixed characters of a pattern: the province, the authority letter and one more. */
  static final int MIN_FIXED = 3;

  /** The length of the tail that the index keys on: all of it, or the part before a wildcard. */
  int prefixLength() {
    for (int i = 0; i < tail.length; i++) {
      if (tail[i] == ANY) {
        return i;
      }
    }
    return tail.length;
  }

  boolean pattern() {
    return open || prefixLength() < tail.length || province == ANY;
  }

  /**
   * Reads a listing: a plate, or a pattern with {@code ?} (one character) and a trailing {@code *}
   * (the rest). Throws {@link IllegalArgumentException} with the reason when it is neither.
   */
  static HotlistListing of(String raw) {
    String s = PlateNumber.normalise(raw);
    if (s.indexOf('?') < 0 && s.indexOf('*') < 0) {
      PlateParse parse = PlateNumber.parse(raw);
      if (parse instanceof PlateParse.Refused r) {
        throw new IllegalArgumentException(r.message());
      }
      int[] c = s.codePoints().toArray();
      return new HotlistListing(s, c[0], java.util.Arrays.copyOfRange(c, 1, c.length), false);
    }
    String problem = patternProblem(s);
    if (problem != null) {
      throw new IllegalArgumentException("'" + raw + "': " + problem);
    }
    boolean open = s.endsWith("*");
    int[] c = (open ? s.substring(0, s.length() - 1) : s).codePoints().toArray();
    int[] tail = new int[c.length - 1];
    for (int i = 1; i < c.length; i++) {
      tail[i - 1] = c[i] == '?' ? ANY : c[i];
    }
    return new HotlistListing(s, c[0] == '?' ? ANY : c[0], tail, open);
  }

  private static String patternProblem(String s) {
    int star = s.indexOf('*');
    if (star >= 0 && star != s.length() - 1) {
      return "* stands for the rest of the plate and may only come last";
    }
    String body = star >= 0 ? s.substring(0, star) : s;
    int[] c = body.codePoints().toArray();
    int fixed = 0;
    for (int i = 0; i < c.length; i++) {
      if (c[i] == '?') {
        continue;
      }
      fixed++;
      String wrong = positionProblem(i, c[i], i == c.length - 1 && star < 0);
      if (wrong != null) {
        return wrong;
      }
    }
    if (fixed < MIN_FIXED) {
      return "a pattern needs at least " + MIN_FIXED + " fixed characters, or it lists too many";
    }
    int length = c.length;
    if (star < 0 ? length < 7 || length > 8 : length > 8) {
      return "a pattern without * stands for 7 or 8 characters, this for " + length;
    }
    if (star >= 0 && length == 8) {
      return "nothing is left for * — drop it";
    }
    return null;
  }

  private static String positionProblem(int position, int cp, boolean last) {
    if (position == 0) {
      return PlateNumber.PROVINCES.indexOf(cp) >= 0
          ? null
          : "a pattern starts with a province abbreviation or ?, not '" + str(cp) + "'";
    }
    if (position == 1) {
      return PlateNumber.LETTERS.indexOf(cp) >= 0
          ? null
          : "the issuing-authority letter is A–Z (not I or O) or ?, not '" + str(cp) + "'";
    }
    if (PlateGrammar.isDigit(cp) || PlateNumber.LETTERS.indexOf(cp) >= 0) {
      return null;
    }
    if (last && "学警挂港澳领".indexOf(cp) >= 0) {
      return null;
    }
    return "'" + str(cp) + "' at position " + (position + 1) + " cannot appear in a plate";
  }

  /**
   * How {@code read} matches this listing, or {@code null} when it does not.
   *
   * @param province the read's province, or {@link #ANY} when not read
   * @param tail the read after the province
   * @param lowConfidence allow one difference that is not a lookalike (a misread province counts)
   */
  <T> PlateMatch<T> compare(int province, int[] tail, boolean lowConfidence, T value) {
    if (open ? tail.length < this.tail.length : tail.length != this.tail.length) {
      return null;
    }
    List<String> differences = new ArrayList<>(2);
    boolean free = lowConfidence;
    if (this.province != ANY && province != this.province) {
      if (province == ANY) {
        differences.add("position 1: province not read, listed " + str(this.province));
      } else if (free) {
        free = false;
        differences.add(
            "position 1: read " + str(province) + ", listed " + str(this.province) + " (misread)");
      } else {
        return null;
      }
    }
    for (int i = 0; i < this.tail.length; i++) {
      int listed = this.tail[i];
      int read = tail[i];
      if (listed == ANY || listed == read) {
        continue;
      }
      int position = i + 1;
      String where =
          "position " + (position + 1) + ": read " + str(read) + ", listed " + str(listed);
      if (PlateConfusables.confusable(position, read, listed)) {
        differences.add(where);
      } else if (free && read < 0x80 && listed < 0x80) {
        free = false;
        differences.add(where + " (misread)");
      } else {
        return null;
      }
    }
    PlateMatch.Kind kind = differences.isEmpty() ? PlateMatch.Kind.EXACT : PlateMatch.Kind.FUZZY;
    return new PlateMatch<>(value, text, kind, differences);
  }

  static String str(int cp) {
    return new String(Character.toChars(cp));
  }
}
