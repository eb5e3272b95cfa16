package org.sharpeyes.sims.plate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.sharpeyes.schema.plate.PlateConfusables;
import org.sharpeyes.schema.plate.PlateNumber;

/**
 * Misreads a plate the way plate readers do: a character swapped for a lookalike the grammar
 * permits at that position (8↔B, 0↔D/Q, 5↔S, 2↔Z, 6↔G, from {@link PlateConfusables}), and now and
 * then a province abbreviation read as one of similar shape (湘↔渝). Every misread is itself a valid
 * plate, as a reader with a grammar check would send. Stateless and thread-safe.
 */
public final class OcrMisreads {

  /** Share of confusions that hit the province abbreviation, when it has a lookalike. */
  static final double PROVINCE_SHARE = 0.05;

  private OcrMisreads() {}

  /**
   * The plate with {@code confusions} characters misread, each at a different position. Fewer when
   * the plate offers fewer lookalikes (e.g. {@code 湘J77777} has none in its serial): then as many
   * as there are, or, when there are none, the province if it has a lookalike.
   *
   * @param plate a valid plate (any writing {@link PlateNumber#normalise} accepts)
   * @param confusions how many characters to misread, 0 or more
   * @param random the caller's generator: the same seed gives the same misreads
   * @return the misread plate, normalised
   * @throws IllegalArgumentException when {@code plate} is not a valid plate or confusions &lt; 0
   */
  public static String misread(String plate, int confusions, RandomGenerator random) {
    if (confusions < 0) {
      throw new IllegalArgumentException("confusions must be 0 or more, not " + confusions);
    }
    PlateNumber parsed =
        PlateNumber.tryParse(plate)
            .orElseThrow(() -> new IllegalArgumentException("'" + plate + "' is not a plate"));
    int[] c = parsed.text().codePoints().toArray();
    Set<Integer> used = new HashSet<>();
    for (int k = 0; k < confusions; k++) {
      if (!used.contains(0) && random.nextDouble() < PROVINCE_SHARE && swapProvince(c, random)) {
        used.add(0);
        continue;
      }
      List<int[]> options = lookalikeSwaps(c, used);
      if (options.isEmpty()) {
        // nothing else to misread: the province, if nothing was misread yet
        if (used.isEmpty() && swapProvince(c, random)) {
          used.add(0);
        }
        break;
      }
      int[] pick = options.get(random.nextInt(options.size()));
      c[pick[0]] = pick[1];
      used.add(pick[0]);
    }
    return new String(c, 0, c.length);
  }

  private static boolean swapProvince(int[] c, RandomGenerator random) {
    List<String> others = PlateConfusables.provinceLookalikes(new String(Character.toChars(c[0])));
    if (others.isEmpty()) {
      return false;
    }
    c[0] = others.get(random.nextInt(others.size())).codePointAt(0);
    return true;
  }

  /** Every (position, lookalike) that keeps the plate valid, at positions not yet misread. */
  private static List<int[]> lookalikeSwaps(int[] c, Set<Integer> used) {
    List<int[]> options = new ArrayList<>();
    for (int i = 1; i < c.length; i++) {
      if (used.contains(i) || c[i] >= 0x80) {
        continue;
      }
      for (char other : PlateConfusables.lookalikes(i, (char) c[i])) {
        int original = c[i];
        c[i] = other;
        if (PlateNumber.isValid(new String(c, 0, c.length))) {
          options.add(new int[] {i, other});
        }
        c[i] = original;
      }
    }
    return options;
  }
}
