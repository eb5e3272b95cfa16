package org.sharpeyes.ingest.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {

  private final ReferenceData city = DemoCity.data();

  @Test
  void demoCityHasFortyCellsAndThirtyDevicesEachStandingInACell() {
    assertThat(city.grids().size()).isEqualTo(40);
    assertThat(city.devices()).hasSize(31);
    assertThat(city.regions().regions()).hasSize(22);
    assertThat(city.keyPersons()).hasSize(20);
    assertThat(city.sites()).hasSize(6);
    for (Device d : city.devices()) {
      GridCell cell = city.grids().byCode(d.gridCode()).orElseThrow();
      assertThat(city.grids().locate(d.lat(), d.lon())).contains(cell);
      assertThat(d.gridCode()).startsWith(d.id().substring(0, 6));
    }
  }

  @Test
  void demoPlateReaderStandsInGuiyuanCellTwoUnderWulingDistrict() {
    DeviceLocation at = city.locate("43070200001320000101").orElseThrow();

    assertThat(at.grid().code()).isEqualTo("43070200200102");
    assertThat(at.regions())
        .extracting(Region::code)
        .containsExactly("430700", "430702", "430702002", "430702002001");
    assertThat(at.regions())
        .extracting(Region::level)
        .containsExactly(
            RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE);
    assertThat(at.regionPath()).isEqualTo("/430700/430702/430702002/430702002001/");
    assertThat(at.device().site()).isEqualTo("常德火车站");
  }

  @Test
  void regionChainOfAGridCodeEndsAtItsVillage() {
    assertThat(city.regions().chain("43070200200102"))
        .extracting(Region::name)
        .containsExactly("常德市", "武陵区", "桂园街道", "桂园社区");
    assertThat(city.regions().chain("430703"))
        .extracting(Region::code)
        .containsExactly("430700", "430703");
    assertThat(city.regions().chain("999999")).isEmpty();
  }

  @Test
  void pointsOutsideEveryCellHaveNoCellAndBordersGoToTheLowerCode() {
    assertThat(city.grids().locate(30.0, 112.0)).isEmpty();
    // 111.677 is the border between cells 01 and 02 of 柳湾社区.
    assertThat(city.grids().locate(29.030, 111.677).map(GridCell::code)).contains("43070200100101");
  }

  @Test
  void platesAreFoundWhateverSeparatorsAndCaseTheReaderUsed() {
    assertThat(city.plates().hotlistEntries("湘j·38j91"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.plate()).isEqualTo("湘J38J91");
              assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(e.reason()).isEqualTo("涉案车辆");
            });
    assertThat(city.plates().keyPersonOf("湘J JN407").map(KeyPerson::id)).contains("KP0001");
    assertThat(city.plates().keyPersonOf("湘J00000")).isEmpty();
  }

  @Test
  void lookalikeReadsAndPlatesFittingAPatternFindTheirEntryAndSayHow() {
    Instant demoDay = Instant.parse("2026-11-27T08:00:00Z");

    assertThat(city.plates().activeMatch("湘JVH63G", false, demoDay))
        .hasValueSatisfying(
            m -> {
              assertThat(m.value().plate()).isEqualTo("湘JVH636");
              assertThat(m.describe()).isEqualTo("fuzzy (position 7: read G, listed 6)");
            });
    assertThat(city.plates().activeMatch("湘JX7315", false, demoDay))
        .hasValueSatisfying(
            m -> {
              assertThat(m.value().plate()).isEqualTo("湘J?7315");
              assertThat(m.exact()).isTrue();
            });
    assertThat(city.plates().keyPersonMatch("湘JJN4O7", false).map(m -> m.value().id()))
        .contains("KP0001");
    assertThat(city.plates().hotlistSize()).isEqualTo(11);
  }

  @Test
  void hotlistEntriesApplyOnlyInsideTheirValidityWindow() {
    Instant demoDay = Instant.parse("2026-11-27T08:00:00Z");
    assertThat(city.plates().activeEntry("湘JC1Q06", demoDay)).isPresent();
    assertThat(city.plates().activeEntry("湘JC1Q06", Instant.parse("2027-01-01T00:00:00Z")))
        .isEmpty();
    assertThat(city.plates().activeEntry("湘JVH636", Instant.parse("2026-10-20T07:59:59Z")))
        .isEmpty();
  }

  @Test
  void keyPersonIdNumbersAreMaskedToRegionAndLastFour() {
    KeyPerson p = city.keyPerson("KP0001").orElseThrow();
    assertThat(p.maskedIdNumber()).isEqualTo("430702********0675");
    assertThat(p.riskLevel()).isEqualTo(RiskLevel.RED);
    assertThat(p.plates()).containsExactly("湘JJN407", "湘JJ4926");
    assertThat(ResidentIdNumber.mask("short")).doesNotContain("short");
  }
}
