package org.sharpeyes.sims.plate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Realistic plate OCR misreads: a reader confuses characters that look alike ({@code 0↔D}, {@code
 * 8↔B}, {@code 5↔S}, {@code 2↔Z}, {@code 1↔I}, {@code 6↔G}). Position-aware: the province character
 * and the city letter (the first two) are never touched, as readers constrain those positions to
 * their own alphabets; only the serial part after them is misread.
 *
 * <p>TEMPORARY minimal version written on the {@code viidsim} branch so that {@code device-sims
 * viid} compiles; the full class comes from another branch and replaces this one at merge (same
 * path, same signature).
 */
public final class OcrMisreads {

  private static final Map<Character, Character> LOOKALIKES =
      Map.ofEntries(
          Map.entry('0', 'D'),
          Map.entry('D', '0'),
          Map.entry('8', 'B'),
          Map.entry('B', '8'),
          Map.entry('5', 'S'),
          Map.entry('S', '5'),
          Map.entry('2', 'Z'),
          Map.entry('Z', '2'),
          Map.entry('1', 'I'),
          Map.entry('I', '1'),
          Map.entry('6', 'G'),
          Map.entry('G', '6'));

  /** The province character and the city letter are never misread. */
  private static final int FIRST_SERIAL_POSITION = 2;

  private OcrMisreads() {}

  /**
   * The plate as a reader might misread it.
   *
   * @param plate a normalised plate, e.g. {@code 湘JA1234}
   * @param confusions how many characters to confuse, at most; fewer when the plate has fewer
   *     confusable characters (a plate without any comes back unchanged)
   * @param random the caller's generator: the same seed gives the same misreads
   */
  public static String misread(String plate, int confusions, RandomGenerator random) {
    int[] codePoints = plate.codePoints().toArray();
    List<Integer> candidates = new ArrayList<>();
    for (int i = FIRST_SERIAL_POSITION; i < codePoints.length; i++) {
      if (codePoints[i] < Character.MIN_SUPPLEMENTARY_CODE_POINT
          && LOOKALIKES.containsKey((char) codePoints[i])) {
        candidates.add(i);
      }
    }
    for (int n = 0; n < confusions && !candidates.isEmpty(); n++) {
      int position = candidates.remove(random.nextInt(candidates.size()));
      codePoints[position] = LOOKALIKES.get((char) codePoints[position]);
    }
    return new String(codePoints, 0, codePoints.length);
  }
}
