package org.sharpeyes.sims.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.plate.PlateNumber;

class OcrMisreadsTest {

  @Test
  void aMisreadDiffersInAsManyPositionsAsAskedAndIsStillAValidPlate() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      String misread = OcrMisreads.misread("湘J8B5S2", 2, random);

      assertThat(PlateNumber.isValid(misread)).as(misread).isTrue();
      assertThat(differences("湘J8B5S2", misread)).as(misread).isEqualTo(2);
    }
  }

  @Test
  void lookalikesFollowThePosition() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 500; i++) {
      String misread = OcrMisreads.misread("湘D12345", 1, random);
      // the authority letter D may become Q, never 0; the serial has no lookalike but 5/S, 2/Z
      assertThat(misread).matches("湘Q12345|湘D1Z345|湘D1234S|湘D12345|[津沪渝浙]D12345");
    }
  }

  @Test
  void theSameSeedGivesTheSameMisreads() {
    assertThat(OcrMisreads.misread("湘JB8008", 2, new SplittableRandom(9)))
        .isEqualTo(OcrMisreads.misread("湘JB8008", 2, new SplittableRandom(9)));
  }

  @Test
  void aPlateWithoutLookalikesIsReturnedAsReadOrWithItsProvinceMisread() {
    String misread = OcrMisreads.misread("湘J77777", 1, new SplittableRandom(1));

    assertThat(misread).matches("[津沪渝湘浙]J77777");
    assertThatThrownBy(() -> OcrMisreads.misread("湘I12345", 1, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int differences(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      n += x[i] == y[i] ? 0 : 1;
    }
    return n;
  }
}
