package org.sharpeyes.ingest.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceFileProblemsTest {

  @TempDir Path dir;

  @BeforeEach
  void copyDemoCity() throws IOException {
    try (Stream<Path> files = Files.list(DemoCity.DIR)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }

  @Test
  void everyProblemInEveryFileIsReportedWithItsFileAndLine() throws IOException {
    replaceLine(ReferenceData.DEVICES, 3, l -> l.replace("29.043500", "29.04x"));
    replaceLine(ReferenceData.DEVICES, 5, l -> l.replace("29.043500,111.674000", "10.0,10.0"));
    replaceLine(ReferenceData.KEY_PERSONS, 2, l -> l.replace(",red,", ",purple,"));
    replaceLine(
        ReferenceData.KEY_PERSONS, 3, l -> l.replace("430702196906023224", "430702196906023225"));
    replaceLine(ReferenceData.HOTLIST, 4, l -> l.replace(",high,", ",urgent,"));
    replaceLine(ReferenceData.HOTLIST, 5, l -> l.replace("2026-10-20T08:00:00Z", "20 Oct 2026"));
    replaceLine(ReferenceData.REGIONS, 5, l -> l.replace(",430702001", ",430702009"));
    replaceLine(
        ReferenceData.GRIDS, 3, l -> l.replace("[111.677, 29.029]]]", "[111.677, 29.030]]]"));

    ReferenceLoad.Failed failed = (ReferenceLoad.Failed) ReferenceData.load(dir);

    assertThat(failed.problems())
        .extracting(ReferenceProblem::toString)
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith("devices.csv:3: lat: '29.04x' is not a number from -90.0 to 90.0"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "devices.csv:5: lat/lon: 10.0, 10.0 is not inside any grid cell of grids.geojson"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "key-persons.csv:2: riskLevel: 'purple' is not one of red, orange, yellow"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "key-persons.csv:3: idNumber: check character is 5 but the digits give 4"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "plate-hotlist.csv:4: severity: 'urgent' is not one of critical, high, medium, low"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "plate-hotlist.csv:5: validFrom: '20 Oct 2026' is not an ISO-8601 instant"))
        .anySatisfy(p -> assertThat(p).endsWith("regions.csv:5: parent: no region 430702009"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "grids.geojson:3: cell 43070200100102: geometry ring 0 is not closed"));
    assertThat(failed.problems()).allSatisfy(p -> assertThat(p.file().getParent()).isEqualTo(dir));
  }

  @Test
  void orElseThrowNamesEveryProblemInItsMessage() throws IOException {
    replaceLine(ReferenceData.KEY_PERSONS, 2, l -> l.replace(",red,", ",purple,"));
    replaceLine(ReferenceData.HOTLIST, 4, l -> l.replace(",high,", ",urgent,"));

    assertThatThrownBy(() -> ReferenceData.load(dir).orElseThrow())
        .isInstanceOf(InvalidReferenceDataException.class)
        .hasMessageContaining("2 problem(s)")
        .hasMessageContaining("key-persons.csv:2: riskLevel")
        .hasMessageContaining("plate-hotlist.csv:4: severity");
  }

  @Test
  void missingFilesWrongHeadersAndShortRowsAreReported() throws IOException {
    Files.delete(dir.resolve(ReferenceData.SITES));
    replaceLine(ReferenceData.HOTLIST, 1, l -> l.replace("validTo", "validUntil"));
    replaceLine(ReferenceData.REGIONS, 3, l -> l.substring(0, l.lastIndexOf(',')));

    List<ReferenceProblem> problems = ((ReferenceLoad.Failed) ReferenceData.load(dir)).problems();

    assertThat(problems)
        .extracting(ReferenceProblem::toString)
        .anySatisfy(p -> assertThat(p).endsWith("sites.csv: file not found"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "plate-hotlist.csv:1: header is plate,reason,severity,validFrom,validUntil but expected plate,reason,severity,validFrom,validTo"))
        .anySatisfy(
            p -> assertThat(p).contains("regions.csv:3: has 3 fields but the header has 4"));
  }

  @Test
  void aPlateOwnedByTwoPersonsIsRejected() throws IOException {
    replaceLine(ReferenceData.KEY_PERSONS, 3, l -> l.replace("湘J790P1", "湘JJN407"));

    assertThat(((ReferenceLoad.Failed) ReferenceData.load(dir)).problems())
        .extracting(ReferenceProblem::toString)
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith("key-persons.csv:3: plates: 湘JJN407 already belongs to KP0001"));
  }

  @Test
  void platesAndPatternsThatBreakTheGrammarAreRejectedWithTheReasonAndRow() throws IOException {
    replaceLine(ReferenceData.KEY_PERSONS, 3, l -> l.replace("湘J790P1", "湘I790P1"));
    replaceLine(ReferenceData.HOTLIST, 2, l -> l.replace("湘J38J91", "湘J*8J91"));
    replaceLine(ReferenceData.HOTLIST, 3, l -> l.replace("湘J3B924", "湘JAB92C"));

    assertThat(((ReferenceLoad.Failed) ReferenceData.load(dir)).problems())
        .extracting(ReferenceProblem::toString)
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "key-persons.csv:3: plates: '湘I790P1': the issuing-authority letter"
                            + " cannot be I"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "plate-hotlist.csv:2: plate: '湘J*8J91': * stands for the rest of the"
                            + " plate and may only come last (a plate, or a pattern such as"
                            + " 湘J?2345 or 湘JD*)"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "plate-hotlist.csv:3: plate: '湘JAB92C': an ordinary serial holds at most"
                            + " 2 letters, this has 3"));
  }

  private interface LineEdit {
    String apply(String line);
  }

  private void replaceLine(String file, int lineNumber, LineEdit edit) throws IOException {
    Path p = dir.resolve(file);
    List<String> lines = new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
    String before = lines.get(lineNumber - 1);
    String after = edit.apply(before);
    assertThat(after).as("edit of %s:%d", file, lineNumber).isNotEqualTo(before);
    lines.set(lineNumber - 1, after);
    Files.write(p, lines, StandardCharsets.UTF_8);
  }
}
