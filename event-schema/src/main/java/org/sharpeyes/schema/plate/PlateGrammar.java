package org.sharpeyes.schema.plate;

/**
 * The grammar of GA 36-2018 civil plates on normalised text: {@link #problem} says what is wrong
 * (in words, for the operator), {@link #build} splits a text that has no problem. Stateless.
 */
final class PlateGrammar {

  private static final String MARKS = "学警挂港澳领";
  private static final String NEW_ENERGY = PlateNumber.PURE_ELECTRIC + PlateNumber.OTHER_NEW_ENERGY;

  private PlateGrammar() {}

  /** What is wrong with the normalised {@code s}, or {@code null} when it is a plate. */
  static String problem(String s) {
    int[] c = s.codePoints().toArray();
    if (c.length == 0) {
      return "empty — expected a plate such as 湘JA1234";
    }
    if (PlateNumber.isEmbassyMark(c[0])) {
      return embassy(c);
    }
    if (PlateNumber.PROVINCES.indexOf(c[0]) < 0 || Character.isSupplementaryCodePoint(c[0])) {
      return "a plate starts with a province abbreviation (one of "
          + PlateNumber.PROVINCES
          + "), not '"
          + str(c[0])
          + "'";
    }
    if (c.length < 2) {
      return "only a province — expected a plate such as 湘JA1234";
    }
    String authority = authorityProblem(c[1]);
    if (authority != null) {
      return authority;
    }
    int last = c[c.length - 1];
    if (last >= 0x80 && !isAsciiAlnum(last)) {
      return marked(s, c);
    }
    for (int i = 2; i < c.length; i++) {
      if (!isAsciiAlnum(c[i])) {
        return "'" + str(c[i]) + "' at position " + (i + 1) + " cannot appear in a plate";
      }
    }
    int n = c.length - 2;
    if (n == 5) {
      return serialProblem(c, 2, 5, "an ordinary serial");
    }
    if (n == 6) {
      return newEnergyProblem(c);
    }
    return "has "
        + n
        + " characters after the province and authority letter; expected 5 (ordinary plates),"
        + " 6 (new-energy plates) or 4 and a mark such as 学 or 警";
  }

  /** Splits a normalised text for which {@link #problem} is {@code null}. */
  static PlateNumber build(String s) {
    int[] c = s.codePoints().toArray();
    if (PlateNumber.isEmbassyMark(c[0])) {
      return new PlateNumber(s, "", "", s.substring(s.offsetByCodePoints(0, 1)), PlateKind.EMBASSY);
    }
    String province = str(c[0]);
    String authority = str(c[1]);
    String rest = s.substring(s.offsetByCodePoints(0, 2));
    int last = c[c.length - 1];
    if (!isAsciiAlnum(last)) {
      PlateKind kind = PlateKind.ofSuffix(str(last));
      return new PlateNumber(s, province, authority, rest.substring(0, 4), kind);
    }
    PlateKind kind =
        rest.length() == 5
            ? PlateKind.ORDINARY
            : NEW_ENERGY.indexOf(rest.charAt(0)) >= 0 && isDigit(rest.charAt(5))
                ? PlateKind.SMALL_NEW_ENERGY
                : PlateKind.LARGE_NEW_ENERGY;
    return new PlateNumber(s, province, authority, rest, kind);
  }

  private static String embassy(int[] c) {
    if (c.length != 7) {
      return "an embassy plate is 使 and 6 digits (3 for the embassy, 3 for the car), this has "
          + (c.length - 1)
          + " characters after 使";
    }
    for (int i = 1; i < c.length; i++) {
      if (!isDigit(c[i])) {
        return "an embassy plate is 使 and 6 digits; '" + str(c[i]) + "' is not a digit";
      }
    }
    return null;
  }

  private static String authorityProblem(int a) {
    if (a == 'I' || a == 'O') {
      return "the issuing-authority letter cannot be " + str(a);
    }
    if (a < 'A' || a > 'Z') {
      return "the issuing-authority code after the province is a letter A–Z (not I or O), not '"
          + str(a)
          + "'";
    }
    return null;
  }

  private static String marked(String s, int[] c) {
    String mark = str(c[c.length - 1]);
    if (PlateNumber.isEmbassyMark(c[c.length - 1])) {
      return "使 opens an embassy plate (使 and 6 digits); it is not a suffix";
    }
    if (MARKS.indexOf(mark) < 0) {
      return "'" + mark + "' is not a plate mark (学, 警, 挂, 港, 澳, 领)";
    }
    for (int i = 2; i < c.length - 1; i++) {
      if (!isAsciiAlnum(c[i])) {
        return "'" + str(c[i]) + "' at position " + (i + 1) + " cannot appear in a plate";
      }
    }
    if (c.length - 3 != 4) {
      return "a plate with the mark "
          + mark
          + " has 4 characters between the authority letter and the mark, this has "
          + (c.length - 3);
    }
    if ((mark.equals("港") || mark.equals("澳")) && !(c[0] == '粤' && c[1] == 'Z')) {
      return "Hong Kong and Macau plates (港, 澳) are issued as 粤Z, not " + str(c[0]) + str(c[1]);
    }
    return serialProblem(c, 2, 4, "the serial");
  }

  private static String serialProblem(int[] c, int from, int length, String what) {
    int letters = 0;
    for (int i = from; i < from + length; i++) {
      if (c[i] == 'I' || c[i] == 'O') {
        return what + " cannot hold " + str(c[i]) + " (position " + (i + 1) + ")";
      }
      if (!isDigit(c[i])) {
        letters++;
      }
    }
    if (letters > PlateNumber.MAX_SERIAL_LETTERS) {
      return what
          + " holds at most "
          + PlateNumber.MAX_SERIAL_LETTERS
          + " letters, this has "
          + letters;
    }
    return null;
  }

  private static String newEnergyProblem(int[] c) {
    for (int i = 2; i < c.length; i++) {
      if (c[i] == 'I' || c[i] == 'O') {
        return "the serial cannot hold " + str(c[i]) + " (position " + (i + 1) + ")";
      }
    }
    boolean small = NEW_ENERGY.indexOf(c[2]) >= 0 && allDigits(c, 4, 8);
    boolean large = allDigits(c, 2, 7) && NEW_ENERGY.indexOf(c[7]) >= 0;
    if (small || large) {
      return null;
    }
    return "a 6-character (new-energy) serial is D or F, a letter or digit and 4 digits (small"
        + " vehicles), or 5 digits and D or F (large vehicles); "
        + new String(c, 2, 6)
        + " is neither";
  }

  private static boolean allDigits(int[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(c[i])) {
        return false;
      }
    }
    return true;
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiAlnum(int c) {
    return isDigit(c) || (c >= 'A' && c <= 'Z');
  }

  private static String str(int cp) {
    return new String(Character.toChars(cp));
  }
}
