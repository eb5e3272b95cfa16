package org.sharpeyes.schema.plate;

import java.util.ArrayList;
import java.util.List;

/**
 * Characters that plate readers confuse, by position (see {@code docs/plates.md}). Positions count
 * code points from 0: the province abbreviation is position 0, the issuing-authority letter 1, the
 * serial from 2. Stateless.
 *
 * <ul>
 *   <li>Serial positions (2 on) hold letters or digits: a lookalike letter folds to its digit — D,
 *       Q (and O) to 0, B to 8, S to 5, Z to 2, G to 6, I to 1.
 *   <li>The authority position holds only letters: a digit folds to the lookalike letter the
 *       grammar permits there — 0 to D (and Q), 8 to B, 5 to S, 2 to Z, 6 to G (1 stays: I is never
 *       issued).
 *   <li>The province abbreviation and the marks (学, 警, …) are never folded; provinces of similar
 *       shape are listed in {@link #provinceLookalikes} for simulators.
 * </ul>
 */
public final class PlateConfusables {

  /** Each group: characters a reader confuses; the first is the group's digit. */
  private static final String[] GROUPS = {"0DQO", "8B", "5S", "2Z", "6G", "1I"};

  /** Provinces of similar shape (the water radical 氵, 贵/青/吉, 陕/晋, 京/宁). */
  private static final String[] PROVINCE_GROUPS = {"津沪渝湘浙", "贵青吉", "陕晋", "京宁"};

  private PlateConfusables() {}

  /**
   * The canonical form of {@code cp} at {@code position}: confusable characters fold to one (the
   * group's digit in serial positions, its letter at the authority position). Other characters, and
   * everything at position 0, are returned unchanged.
   */
  public static int fold(int position, int cp) {
    if (position == 0 || cp >= 0x80) {
      return cp;
    }
    String group = groupOf(cp);
    if (group == null) {
      return cp;
    }
    if (position >= 2) {
      return group.charAt(0);
    }
    // authority: the group's first permitted letter (I and O never are), or the digit for 1/I
    for (int i = 1; i < group.length(); i++) {
      char letter = group.charAt(i);
      if (letter != 'I' && letter != 'O') {
        return letter;
      }
    }
    return cp;
  }

  /** True when a read {@code read} and a listed {@code listed} are the same after folding. */
  public static boolean confusable(int position, int read, int listed) {
    return read != listed && fold(position, read) == fold(position, listed);
  }

  /**
   * Characters a reader may read instead of {@code c} at {@code position} that the grammar permits
   * there (letters other than I and O; digits only in the serial).
   */
  public static List<Character> lookalikes(int position, char c) {
    List<Character> out = new ArrayList<>();
    if (position == 0) {
      return out;
    }
    String group = groupOf(c);
    if (group == null) {
      return out;
    }
    for (char other : group.toCharArray()) {
      boolean permitted =
          other != c
              && other != 'I'
              && other != 'O'
              && (position >= 2 || !PlateGrammar.isDigit(other));
      if (permitted) {
        out.add(other);
      }
    }
    return out;
  }

  /** Province abbreviations of a shape similar to {@code province}'s; empty when none. */
  public static List<String> provinceLookalikes(String province) {
    List<String> out = new ArrayList<>();
    for (String group : PROVINCE_GROUPS) {
      if (group.contains(province)) {
        group
            .codePoints()
            .mapToObj(cp -> new String(Character.toChars(cp)))
            .filter(p -> !p.equals(province))
            .forEach(out::add);
      }
    }
    return out;
  }

  private static String groupOf(int cp) {
    for (String group : GROUPS) {
      if (group.indexOf(cp) >= 0) {
        return group;
      }
    }
    return null;
  }
}
