package org.sharpeyes.sims.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.plate.PlateNumber;

class PlatePoolTest {

  private static final List<HotPlate> HOT =
      List.of(
          new HotPlate("湘J38J91", HotPlate.SOURCE_HOTLIST, "涉案车辆/critical"),
          new HotPlate("湘JF27777", HotPlate.SOURCE_KEY_PERSON, "KP0003"));

  private static final PlatePool POOL = PlatePool.of(List.of(), HOT);

  private static List<PlateDraw> draws(long seed, int n, double hotShare) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PlateDraw> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(POOL.draw(random, hotShare, PlateStyle.PLAIN));
    }
    return out;
  }

  @Test
  void theSameSeedDrawsTheSamePlatesInTheSameOrder() {
    assertThat(draws(42, 500, 0.2)).isEqualTo(draws(42, 500, 0.2));
  }

  @Test
  void differentSeedsDrawDifferentSequences() {
    assertThat(draws(42, 50, 0.2)).isNotEqualTo(draws(43, 50, 0.2));
  }

  @Test
  void hotShareIsRespectedOverTenThousandDraws() {
    for (double share : new double[] {0.1, 0.5}) {
      long hot = draws(7, 10_000, share).stream().filter(PlateDraw::isHot).count();
      // Binomial standard deviation is at most 50 reads here; 3% is more than 6 of them.
      assertThat(hot / 10_000.0).as("share %s", share).isCloseTo(share, within(0.03));
    }
  }

  @Test
  void everyHotPlateIsDrawnInALongRun() {
    assertThat(draws(3, 1000, 0.5).stream().filter(PlateDraw::isHot).map(PlateDraw::plate))
        .containsOnly("湘J38J91", "湘JF27777")
        .contains("湘J38J91", "湘JF27777");
  }

  @Test
  void zeroHotShareDrawsOnlyOrdinaryTraffic() {
    assertThat(draws(5, 2000, 0)).noneMatch(PlateDraw::isHot);
  }

  @Test
  void generatedOrdinaryPlatesLookValidAndAreNeverHot() {
    assertThat(draws(11, 2000, 0))
        .allSatisfy(
            d -> {
              assertThat(d.plate()).startsWith("湘J");
              assertThat(PlateNumber.isValid(d.plate())).as(d.plate()).isTrue();
              assertThat(POOL.isHot(d.plate())).isFalse();
            });
  }

  @Test
  void hotPlatesInTheOrdinaryListAreLeftOutOfOrdinaryTraffic() {
    PlatePool pool = PlatePool.of(List.of("湘JK9350", "湘J38J91", "湘JK9350"), HOT);

    assertThat(pool.ordinaryPlates()).containsExactly("湘JK9350");
    SplittableRandom random = new SplittableRandom(1);
    assertThat(
            IntStream.range(0, 500)
                .mapToObj(i -> pool.draw(random, 0, PlateStyle.PLAIN))
                .map(PlateDraw::plate))
        .containsOnly("湘JK9350");
  }

  @Test
  void aPlateOnBothListsIsDrawnAsItsFirstEntry() {
    PlatePool pool =
        PlatePool.of(
            List.of(),
            List.of(
                new HotPlate("湘J38J91", HotPlate.SOURCE_HOTLIST, "a"),
                new HotPlate("湘J38J91", HotPlate.SOURCE_KEY_PERSON, "KP0001")));

    assertThat(pool.hotPlates()).extracting(HotPlate::source).containsExactly("hotlist");
  }
}
