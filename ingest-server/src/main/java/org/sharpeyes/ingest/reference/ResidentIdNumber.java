package org.sharpeyes.ingest.reference;

/**
 * The 18-character resident ID number of GB 11643: 6 digits region, 8 digits birth date, 3 digits
 * sequence, 1 check character ({@code 0-9} or {@code X}).
 */
public final class ResidentIdNumber {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARS = "10X98765432";

  private ResidentIdNumber() {}

  /** Why the number is not well formed, or {@code null} when it is. */
  public static String problemWith(String number) {
    if (number == null || !number.matches("[0-9]{17}[0-9X]")) {
      return "expected 17 digits and a check character (0-9 or X), e.g. 430702197506070675";
    }
    char expected = checkCharacter(number);
    if (number.charAt(17) != expected) {
      return "check character is " + number.charAt(17) + " but the digits give " + expected;
    }
    return null;
  }

  /**
   * Keeps the 6-digit region code and the last 4 characters, hiding the rest: {@code
   * 430702********0675}. Anything that is not 18 characters long is hidden entirely.
   */
  public static String mask(String number) {
    if (number == null || number.length() != 18) {
      return "******************";
    }
    return number.substring(0, 6) + "********" + number.substring(14);
  }

  private static char checkCharacter(String number) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (number.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARS.charAt(sum % 11);
  }
}
