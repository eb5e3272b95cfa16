package org.sharpeyes.sims.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sharpeyes.schema.plate.PlateNumber;

class PlateStyleTest {

  private static final List<String> PLATES =
      List.of("湘JA1234", "湘J38J91", "湘JF27777", "湘A199N9", "湘DZ1936");

  @ParameterizedTest
  @EnumSource(PlateStyle.class)
  void everyStyleNormalisesBackToThePoolPlate(PlateStyle style) {
    assertThat(PLATES)
        .allSatisfy(p -> assertThat(PlateNumber.normalise(style.write(p))).isEqualTo(p));
  }

  @Test
  void rawStylesWriteWhatReadersSend() {
    assertThat(PlateStyle.MIDDLE_DOT.write("湘JA1234")).isEqualTo("湘J·A1234");
    assertThat(PlateStyle.SPACE.write("湘JA1234")).isEqualTo("湘J A1234");
    assertThat(PlateStyle.FULL_WIDTH.write("湘JA1234")).isEqualTo("湘ＪＡ１２３４");
    assertThat(PlateStyle.LOWER_CASE.write("湘JA1234")).isEqualTo("湘ja1234");
  }

  @Test
  void everyStyleButPlainChangesTheText() {
    assertThat(EnumSet.complementOf(EnumSet.of(PlateStyle.PLAIN)))
        .allSatisfy(s -> assertThat(s.write("湘JA1234")).isNotEqualTo("湘JA1234"));
  }

  @Test
  void drawsWithRawStylesKeepTheNormalisedPlateAlongsideTheRawText() {
    PlatePool pool =
        PlatePool.of(List.of(), List.of(new HotPlate("湘J38J91", HotPlate.SOURCE_HOTLIST, "x")));
    SplittableRandom random = new SplittableRandom(9);
    for (PlateStyle style : PlateStyle.values()) {
      PlateDraw draw = pool.draw(random, 0.5, style);
      assertThat(PlateNumber.normalise(draw.raw())).isEqualTo(draw.plate());
    }
  }
}
