package org.sharpeyes.schema.plate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlateNumbersTest {

  @Test
  void separatorsAndSpacesAreStrippedAndTheProvinceCharacterKept() {
    assertThat(PlateNumbers.normalise("湘J·A1234")).isEqualTo("湘JA1234");
    assertThat(PlateNumbers.normalise(" 湘J A1234 ")).isEqualTo("湘JA1234");
    assertThat(PlateNumbers.normalise("湘J-A1234")).isEqualTo("湘JA1234");
    assertThat(PlateNumbers.normalise("湘J.A1234")).isEqualTo("湘JA1234");
    assertThat(PlateNumbers.normalise("湘J\u3000A1234")).isEqualTo("湘JA1234");
  }

  @Test
  void fullWidthLettersAndDigitsBecomeHalfWidthUpperCase() {
    assertThat(PlateNumbers.normalise("湘Ｊａ１２３４")).isEqualTo("湘JA1234");
    assertThat(PlateNumbers.normalise("湘jd12345")).isEqualTo("湘JD12345");
  }

  @Test
  void suffixCharactersOfSpecialPlatesAreKept() {
    assertThat(PlateNumbers.normalise("湘J·1234学")).isEqualTo("湘J1234学");
    assertThat(PlateNumbers.looksValid("湘J1234学")).isTrue();
  }

  @Test
  void plausibleShapesAreRecognised() {
    assertThat(PlateNumbers.looksValid("湘JA1234")).isTrue();
    assertThat(PlateNumbers.looksValid("湘JD12345")).isTrue();
    assertThat(PlateNumbers.looksValid("JA1234")).isFalse();
    assertThat(PlateNumbers.looksValid("")).isFalse();
    assertThat(PlateNumbers.normalise(null)).isEmpty();
  }
}
