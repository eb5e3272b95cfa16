package org.sharpeyes.sims.plate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.sharpeyes.schema.plate.PlateNumber;

/**
 * The plates a simulated reader can see: ordinary traffic and hot plates (hotlist and key-person
 * vehicles). Ordinary plates come from a list, or are generated as random 湘J plates when the list
 * is empty. An ordinary plate is never a hot plate, so the share of hot reads is exactly what the
 * caller asked for. Immutable and thread-safe.
 */
public final class PlatePool {

  /** Letters used on plates: I and O are never issued. */
  private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

  private static final String DIGITS = "0123456789";
  private static final String GENERATED_PREFIX = "湘J";

  private final List<String> ordinary;
  private final List<HotPlate> hot;
  private final Set<String> hotPlates;

  private PlatePool(List<String> ordinary, List<HotPlate> hot) {
    Map<String, HotPlate> byPlate = new LinkedHashMap<>();
    hot.forEach(h -> byPlate.putIfAbsent(h.plate(), h));
    this.hot = List.copyOf(byPlate.values());
    this.hotPlates = Set.copyOf(byPlate.keySet());
    this.ordinary = ordinary.stream().filter(p -> !hotPlates.contains(p)).distinct().toList();
  }

  /**
   * @param ordinary normalised ordinary plates; empty means "generate random 湘J plates". Any that
   *     are also hot are left out of ordinary traffic.
   * @param hot hot plates; duplicates (same plate) keep the first entry
   */
  public static PlatePool of(List<String> ordinary, List<HotPlate> hot) {
    return new PlatePool(ordinary, hot);
  }

  /** A pool of generated ordinary plates and no hot plates. */
  public static PlatePool generated() {
    return new PlatePool(List.of(), List.of());
  }

  public List<String> ordinaryPlates() {
    return ordinary;
  }

  public List<HotPlate> hotPlates() {
    return hot;
  }

  public boolean isHot(String plate) {
    return hotPlates.contains(plate);
  }

  /** True when ordinary plates are generated rather than taken from a list. */
  public boolean generatesOrdinaryPlates() {
    return ordinary.isEmpty();
  }

  /**
   * Draws one plate.
   *
   * @param random the caller's generator; the same seed gives the same sequence of draws
   * @param hotShare probability (0..1) of drawing a hot plate; ignored when there are none
   */
  public PlateDraw draw(RandomGenerator random, double hotShare, PlateStyle style) {
    if (!hot.isEmpty() && random.nextDouble() < hotShare) {
      HotPlate entry = hot.get(random.nextInt(hot.size()));
      return new PlateDraw(entry.plate(), style.write(entry.plate()), entry);
    }
    String plate =
        ordinary.isEmpty()
            ? generateOrdinary(random)
            : ordinary.get(random.nextInt(ordinary.size()));
    return new PlateDraw(plate, style.write(plate), null);
  }

  /**
   * A plausible ordinary plate: 湘J, then one letter or digit, then four characters that are mostly
   * digits, at most two letters in all (GA 36). Redrawn in the (rare) case that it breaks the
   * grammar or hits a hot plate.
   */
  private String generateOrdinary(RandomGenerator random) {
    while (true) {
      StringBuilder plate = new StringBuilder(GENERATED_PREFIX);
      plate.append(pick(random, random.nextDouble() < 0.6 ? LETTERS : DIGITS));
      for (int i = 0; i < 4; i++) {
        plate.append(pick(random, random.nextDouble() < 0.8 ? DIGITS : LETTERS));
      }
      String candidate = plate.toString();
      if (PlateNumber.isValid(candidate) && !hotPlates.contains(candidate)) {
        return candidate;
      }
    }
  }

  private static char pick(RandomGenerator random, String alphabet) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }
}
