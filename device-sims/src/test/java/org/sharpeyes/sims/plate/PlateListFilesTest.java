package org.sharpeyes.sims.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlateListFilesTest {

  private static final Path DEMO_CITY = Path.of("..", "config", "demo-city");
  private static final Instant DEMO_DAY = Instant.parse("2026-11-27T02:00:00Z");

  @TempDir Path dir;

  @Test
  void demoCityFilesGiveOrdinaryAndHotPlatesThatDoNotOverlap() {
    List<String> ordinary = PlateListFiles.readPlates(DEMO_CITY.resolve("plates-normal.txt"));
    List<HotPlate> hotlist =
        PlateListFiles.readHotlist(DEMO_CITY.resolve("plate-hotlist.csv"), DEMO_DAY);
    List<HotPlate> keyPersons =
        PlateListFiles.readKeyPersonPlates(DEMO_CITY.resolve("key-persons.csv"));

    assertThat(ordinary).hasSize(200);
    // the pattern 湘J?7315 is drawn as a plate that fits it
    assertThat(hotlist)
        .hasSize(11)
        .extracting(HotPlate::plate)
        .contains("湘J38J91", "湘A199N9", "湘J17315");
    assertThat(hotlist.get(0).detail()).isEqualTo("涉案车辆/critical");
    assertThat(keyPersons)
        .contains(new HotPlate("湘JJN407", HotPlate.SOURCE_KEY_PERSON, "KP0001"))
        .contains(new HotPlate("湘JJ4926", HotPlate.SOURCE_KEY_PERSON, "KP0001"));
    assertThat(ordinary)
        .doesNotContainAnyElementsOf(hotlist.stream().map(HotPlate::plate).toList());
  }

  @Test
  void platesAreNormalisedOnTheWayIn() throws Exception {
    Path file = Files.writeString(dir.resolve("plates.txt"), "# traffic\n湘j·a1234\n\n湘ＪＢ５６７８\n");

    assertThat(PlateListFiles.readPlates(file)).containsExactly("湘JA1234", "湘JB5678");
  }

  @Test
  void badLinesAreAllNamedByFileAndLine() throws Exception {
    Path file = Files.writeString(dir.resolve("plates.txt"), "湘JA1234\nnot-a-plate\n湘JA1235\n12\n");

    assertThatThrownBy(() -> PlateListFiles.readPlates(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 bad line(s)")
        .hasMessageContaining("plates.txt:2: 'not-a-plate': a plate starts with a province")
        .hasMessageContaining("plates.txt:4: '12'");
  }

  @Test
  void aPatternIsDrawnAsAPlateThatFitsIt() {
    assertThat(PlateListFiles.plateFitting("湘JD*")).contains("湘JD1111");
    assertThat(PlateListFiles.plateFitting("湘JABC?1")).isEmpty();
    assertThat(PlateListFiles.plateFitting("湘J12345?")).contains("湘J12345D");
    assertThat(PlateListFiles.plateFitting("?J?2345")).contains("湘J12345");
  }

  @Test
  void hotlistEntriesOutsideTheirValidityAreLeftOut() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("hotlist.csv"),
            "plate,reason,severity,validFrom,validTo\n"
                + "湘JA0001,expired,low,,2026-01-01T00:00:00Z\n"
                + "湘JA0002,future,low,2027-01-01T00:00:00Z,\n"
                + "湘JA0003,active,high,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z\n");

    assertThat(PlateListFiles.readHotlist(file, DEMO_DAY))
        .extracting(HotPlate::plate)
        .containsExactly("湘JA0003");
  }

  @Test
  void aBadValidityInstantIsReportedNotSkipped() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("hotlist.csv"),
            "plate,reason,severity,validFrom,validTo\n湘JA0001,x,low,yesterday,\n");

    assertThatThrownBy(() -> PlateListFiles.readHotlist(file, DEMO_DAY))
        .hasMessageContaining("hotlist.csv:2: validFrom 'yesterday' is not an ISO-8601 instant");
  }

  @Test
  void aCsvWithoutTheNeededColumnIsRejectedWithItsHeader() throws Exception {
    Path file = Files.writeString(dir.resolve("persons.csv"), "id,name\nKP1,x\n");

    assertThatThrownBy(() -> PlateListFiles.readKeyPersonPlates(file))
        .hasMessageContaining("no 'plates' column in the header [id, name]");
  }
}
