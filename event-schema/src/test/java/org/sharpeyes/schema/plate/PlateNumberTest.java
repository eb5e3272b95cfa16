package org.sharpeyes.schema.plate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;

class PlateNumberTest {

  @Test
  void separatorsSpacesFullWidthAndLowerCaseNormaliseAway() {
    assertThat(PlateNumber.normalise("湘J·A1234")).isEqualTo("湘JA1234");
    assertThat(PlateNumber.normalise(" 湘J A1234 ")).isEqualTo("湘JA1234");
    assertThat(PlateNumber.normalise("湘J-A1234")).isEqualTo("湘JA1234");
    assertThat(PlateNumber.normalise("湘J\u3000A1234")).isEqualTo("湘JA1234");
    assertThat(PlateNumber.normalise("湘Ｊａ１２３４")).isEqualTo("湘JA1234");
    assertThat(PlateNumber.normalise("湘J·1234学")).isEqualTo("湘J1234学");
    assertThat(PlateNumber.normalise(null)).isEmpty();
  }

  @Test
  void anOrdinaryPlateIsSplitIntoProvinceAuthorityAndSerial() {
    PlateNumber p = parsed("湘j·a1234");

    assertThat(p.text()).isEqualTo("湘JA1234");
    assertThat(p.province()).isEqualTo("湘");
    assertThat(p.authority()).isEqualTo("J");
    assertThat(p.serial()).isEqualTo("A1234");
    assertThat(p.kind()).isEqualTo(PlateKind.ORDINARY);
    assertThat(p.energy()).isEqualTo(PlateNumber.Energy.NONE);
    assertThat(p.colors())
        .containsExactlyInAnyOrder(PlateColor.BLUE, PlateColor.YELLOW, PlateColor.BLACK);
    assertThat(p.plateClass(PlateColor.BLUE)).isEqualTo("02");
  }

  @Test
  void newEnergyPlatesAreToldApartBySerialShape() {
    PlateNumber small = parsed("湘JD12345");
    PlateNumber smallLetter = parsed("粤BFA1234");
    PlateNumber large = parsed("湘J12345F");

    assertThat(small.kind()).isEqualTo(PlateKind.SMALL_NEW_ENERGY);
    assertThat(small.energy()).isEqualTo(PlateNumber.Energy.PURE_ELECTRIC);
    assertThat(small.colors()).containsExactly(PlateColor.GREEN);
    assertThat(smallLetter.kind()).isEqualTo(PlateKind.SMALL_NEW_ENERGY);
    assertThat(smallLetter.energy()).isEqualTo(PlateNumber.Energy.OTHER_NEW_ENERGY);
    assertThat(large.kind()).isEqualTo(PlateKind.LARGE_NEW_ENERGY);
    assertThat(large.plateClass(PlateColor.YELLOW_GREEN)).isEqualTo("51");
    assertThat(large.colorProblem(PlateColor.BLUE))
        .contains(
            "'湘J12345F' is a large new-energy plate, which is green or yellow-green, not blue");
    assertThat(small.colorProblem(PlateColor.GREEN)).isEmpty();
  }

  @Test
  void specialPlatesCarryTheirMarkAndColour() {
    assertThat(parsed("湘J1234学").kind()).isEqualTo(PlateKind.TRAINER);
    assertThat(parsed("湘A0012警").colorProblem(PlateColor.BLUE))
        .contains("'湘A0012警' is a police plate, which is white, not blue");
    assertThat(parsed("湘J1234挂").suffix()).isEqualTo("挂");
    assertThat(parsed("粤Z1234港").kind()).isEqualTo(PlateKind.HONG_KONG);
    assertThat(parsed("粤Z2345澳").kind()).isEqualTo(PlateKind.MACAU);
    assertThat(parsed("沪A0023领").kind()).isEqualTo(PlateKind.CONSULATE);
    PlateNumber embassy = parsed("使224·001");
    assertThat(embassy.kind()).isEqualTo(PlateKind.EMBASSY);
    assertThat(embassy.serial()).isEqualTo("224001");
    assertThat(embassy.plateClass(PlateColor.BLACK)).isEqualTo("03");
  }

  @Test
  void whatIsNotAPlateIsRefusedWithTheReasonInWords() {
    assertThat(refusal("湘I12345")).isEqualTo("'湘I12345': the issuing-authority letter cannot be I");
    assertThat(refusal("湘812345"))
        .isEqualTo(
            "'湘812345': the issuing-authority code after the province is a letter A–Z (not I or O),"
                + " not '8'");
    assertThat(refusal("WJ湘12345")).startsWith("'WJ湘12345': a plate starts with a province");
    assertThat(refusal("台A12345")).contains("not '台'");
    assertThat(refusal("湘JABC12"))
        .endsWith("an ordinary serial holds at most 2 letters, this has 3");
    assertThat(refusal("湘JA12O4")).endsWith("an ordinary serial cannot hold O (position 6)");
    assertThat(refusal("湘JX12345")).contains("X12345 is neither");
    assertThat(refusal("湘JD1234A")).contains("is neither");
    assertThat(refusal("湘J1234")).contains("has 4 characters after the province");
    assertThat(refusal("湘J12345警"))
        .endsWith("has 4 characters between the authority letter and the mark, this has 5");
    assertThat(refusal("湘J1234港")).contains("issued as 粤Z, not 湘J");
    assertThat(refusal("湘J1234使")).contains("使 opens an embassy plate");
    assertThat(refusal("湘J1234车")).contains("'车' is not a plate mark");
    assertThat(refusal("使12345")).contains("an embassy plate is 使 and 6 digits");
    assertThat(refusal("😀")).contains("not '😀'");
    assertThat(refusal("")).isEqualTo("'': empty — expected a plate such as 湘JA1234");
    assertThat(refusal("湘J12#45")).contains("'#' at position 5 cannot appear in a plate");
  }

  @Test
  void theDemoPlatesOfEveryKindAreValid() {
    assertThat(PlateNumber.isValid("湘JF27777")).isTrue();
    assertThat(PlateNumber.isValid("湘J1D101")).isTrue();
    assertThat(PlateNumber.isValid("京A00000")).isTrue();
    assertThat(PlateNumber.isValid("湘JO1234")).isFalse();
  }

  private static PlateNumber parsed(String text) {
    PlateParse result = PlateNumber.parse(text);
    assertThat(result).as(text).isInstanceOf(PlateParse.Parsed.class);
    return ((PlateParse.Parsed) result).plate();
  }

  private static String refusal(String text) {
    PlateParse result = PlateNumber.parse(text);
    assertThat(result).as(text).isInstanceOf(PlateParse.Refused.class);
    return ((PlateParse.Refused) result).message();
  }
}
