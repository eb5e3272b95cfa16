package org.sharpeyes.sims.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.plate.PlateHotlistIndex;
import org.sharpeyes.schema.plate.PlateMatch;

/**
 * How well {@link PlateHotlistIndex} finds misread hotlisted plates and how often it matches plates
 * that are not listed, on a generated 10 000-plate hotlist (fixed seed). Misreads come from {@link
 * OcrMisreads}: one or two lookalike confusions, one in twenty in the province. The figures are
 * printed and recorded in {@code docs/plates.md}.
 */
class HotlistMatchQualityTest {

  static final int LISTED = 10_000;
  static final int UNLISTED = 100_000;

  static List<String> listed;
  static List<String> unlisted;
  static PlateHotlistIndex<String> index;

  @BeforeAll
  static void build() {
    SplittableRandom random = new SplittableRandom(20261207);
    listed = RandomPlates.distinct(LISTED, random, Set.of());
    unlisted = RandomPlates.distinct(UNLISTED, random, new HashSet<>(listed));
    PlateHotlistIndex.Builder<String> builder = PlateHotlistIndex.builder();
    listed.forEach(p -> builder.add(p, p));
    index = builder.build();
  }

  @Test
  void misreadHotlistedPlatesAreFoundAndUnlistedPlatesRarelyMatch() {
    SplittableRandom random = new SplittableRandom(7);
    Set<String> exactSet = new HashSet<>(listed);
    int misreads = 0;
    int exactFound = 0;
    int fuzzyFound = 0;
    int lowFound = 0;
    int provinceRight = 0;
    int provinceRightFound = 0;
    for (int i = 0; i < listed.size(); i++) {
      String plate = listed.get(i);
      String read = OcrMisreads.misread(plate, 1 + i % 2, random);
      if (read.equals(plate)) {
        continue; // a plate with no lookalike anywhere (rare): nothing to misread
      }
      misreads++;
      exactFound += exactSet.contains(read) ? 1 : 0;
      fuzzyFound += finds(index.match(read, false), plate) ? 1 : 0;
      lowFound += finds(index.match(read, true), plate) ? 1 : 0;
      if (read.codePointAt(0) == plate.codePointAt(0)) {
        provinceRight++;
        provinceRightFound += finds(index.match(read, false), plate) ? 1 : 0;
      }
    }
    int exactFalse = 0;
    int fuzzyFalse = 0;
    int lowFalse = 0;
    for (String plate : unlisted) {
      exactFalse += exactSet.contains(plate) ? 1 : 0;
      fuzzyFalse += index.match(plate, false).isEmpty() ? 0 : 1;
      lowFalse += index.match(plate, true).isEmpty() ? 0 : 1;
    }
    double exactRecall = (double) exactFound / misreads;
    double fuzzyRecall = (double) fuzzyFound / misreads;
    double lowRecall = (double) lowFound / misreads;
    double lookalikeRecall = (double) provinceRightFound / provinceRight;
    System.out.printf(
        Locale.ROOT,
        "hotlist %d plates, %d misread hotlisted reads, %d unlisted reads%n"
            + "  exact lookup:               recall %.4f, false-match rate %.5f%n"
            + "  fuzzy, normal confidence:   recall %.4f (%.4f of the %d with the province"
            + " read right), false-match rate %.5f%n"
            + "  fuzzy, low confidence:      recall %.4f, false-match rate %.5f%n",
        LISTED,
        misreads,
        UNLISTED,
        exactRecall,
        (double) exactFalse / UNLISTED,
        fuzzyRecall,
        lookalikeRecall,
        provinceRight,
        (double) fuzzyFalse / UNLISTED,
        lowRecall,
        (double) lowFalse / UNLISTED);

    assertThat(misreads).isGreaterThan(LISTED * 90 / 100);
    assertThat(exactRecall).isLessThan(0.05);
    // every misread whose province was read right is found on lookalikes alone
    assertThat(lookalikeRecall).isEqualTo(1.0);
    assertThat(fuzzyRecall).isGreaterThan(0.75);
    // with low confidence, the misread province is the one free difference: all are found
    assertThat(lowRecall).isEqualTo(1.0);
    assertThat(exactFalse).isZero();
    assertThat((double) fuzzyFalse / UNLISTED).isLessThan(0.005);
    assertThat((double) lowFalse / UNLISTED).isLessThan(0.05);
  }

  @Test
  void everyListedPlateIsFoundExactly() {
    for (String plate : listed) {
      List<PlateMatch<String>> m = index.match(plate, false);
      assertThat(m).as(plate).isNotEmpty();
      assertThat(m.get(0).exact()).as(plate).isTrue();
      assertThat(m.get(0).value()).isEqualTo(plate);
    }
  }

  private static boolean finds(List<PlateMatch<String>> matches, String plate) {
    return matches.stream().anyMatch(m -> m.value().equals(plate));
  }
}
