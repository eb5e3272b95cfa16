package org.sharpeyes.sims.plate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.sharpeyes.schema.plate.PlateNumber;

/**
 * Random valid plates for the hotlist quality test and benchmark, shaped like a city's hotlist:
 * half of the province's own (湘, authority letters A–N), half from anywhere; mostly ordinary plates
 * (at most two letters), about 15 % new-energy.
 */
public final class RandomPlates {

  private static final String DIGITS = "0123456789";
  private static final String LOCAL_AUTHORITIES = "ABCDEFGHJKLMN";

  private RandomPlates() {}

  /** {@code count} distinct plates, none in {@code exclude}. */
  public static List<String> distinct(int count, RandomGenerator random, Set<String> exclude) {
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < count) {
      String p = one(random);
      if (!exclude.contains(p)) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /** One valid plate. */
  public static String one(RandomGenerator random) {
    while (true) {
      StringBuilder s = new StringBuilder();
      if (random.nextBoolean()) {
        s.append('湘').append(pick(LOCAL_AUTHORITIES, random));
      } else {
        s.appendCodePoint(PlateNumber.PROVINCES.codePointAt(random.nextInt(31)));
        s.append(pick(PlateNumber.LETTERS, random));
      }
      double kind = random.nextDouble();
      if (kind < 0.12) {
        s.append(pick(random.nextBoolean() ? "D" : "F", random));
        s.append(pick(random.nextDouble() < 0.3 ? PlateNumber.LETTERS : DIGITS, random));
        appendDigits(s, 4, random);
      } else if (kind < 0.15) {
        appendDigits(s, 5, random);
        s.append(random.nextBoolean() ? 'D' : 'F');
      } else {
        for (int i = 0; i < 5; i++) {
          s.append(pick(random.nextDouble() < 0.2 ? PlateNumber.LETTERS : DIGITS, random));
        }
      }
      String plate = s.toString();
      if (PlateNumber.isValid(plate)) {
        return plate;
      }
    }
  }

  private static void appendDigits(StringBuilder s, int n, RandomGenerator random) {
    for (int i = 0; i < n; i++) {
      s.append(pick(DIGITS, random));
    }
  }

  private static char pick(String alphabet, RandomGenerator random) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }
}
