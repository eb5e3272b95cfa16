package org.sharpeyes.sims.camera.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.sims.camera.FrameSize;
import org.sharpeyes.sims.camera.Walker;

class ExpectedMatchesTest {

  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path dir;

  private static Walker walker(String label, int enter, int stay, boolean watchlisted) {
    return new Walker(
        Path.of("p.jpg"),
        label,
        Duration.ofSeconds(enter),
        Duration.ofSeconds(stay),
        0,
        0.5,
        0.1,
        0.5,
        watchlisted);
  }

  private static final Scenario SCENARIO =
      new Scenario(
          10,
          FrameSize.DEFAULT,
          Duration.ofSeconds(20),
          1,
          List.of(walker("KP0001", 5, 10, true), walker("passer-by", 0, 20, false)));

  @Test
  void eachWatchlistedWalkerIsExpectedOncePerLoopAndTheLastWindowEndsWithTheFile() {
    List<ExpectedMatch> matches = ExpectedMatches.within(SCENARIO, Duration.ofSeconds(50));

    assertThat(matches)
        .containsExactly(
            new ExpectedMatch("KP0001", 0, 5, 15, null, null),
            new ExpectedMatch("KP0001", 1, 25, 35, null, null),
            new ExpectedMatch("KP0001", 2, 45, 50, null, null));
  }

  @Test
  void aWindowThatWouldOpenAfterTheEndIsNotExpected() {
    assertThat(ExpectedMatches.within(SCENARIO, Duration.ofSeconds(25))).hasSize(1);
  }

  @Test
  void aServedStreamExpectsItsFirstLoopByTheCameraClockToo() {
    List<ExpectedMatch> matches = ExpectedMatches.firstLoop(SCENARIO, START);

    assertThat(matches)
        .containsExactly(
            new ExpectedMatch("KP0001", 0, 5, 15, START.plusSeconds(5), START.plusSeconds(15)));
  }

  @Test
  void theFileHasOneJsonLinePerWindowWithInstantsOnlyWhenKnown() throws Exception {
    Path served = dir.resolve("served.jsonl");
    Path offline = dir.resolve("offline.jsonl");

    ExpectedMatches.write(ExpectedMatches.firstLoop(SCENARIO, START), served);
    ExpectedMatches.write(ExpectedMatches.within(SCENARIO, Duration.ofSeconds(20)), offline);

    ObjectMapper json = new ObjectMapper();
    JsonNode line = json.readTree(Files.readAllLines(served).get(0));
    assertThat(line.get("type").asText()).isEqualTo("face.matched");
    assertThat(line.get("personId").asText()).isEqualTo("KP0001");
    assertThat(line.get("loop").asInt()).isZero();
    assertThat(line.get("fromSeconds").asDouble()).isEqualTo(5.0);
    assertThat(line.get("toSeconds").asDouble()).isEqualTo(15.0);
    assertThat(line.get("from").asText()).isEqualTo("2026-11-27T10:00:05Z");
    assertThat(line.get("to").asText()).isEqualTo("2026-11-27T10:00:15Z");
    JsonNode offlineLine = json.readTree(Files.readAllLines(offline).get(0));
    assertThat(offlineLine.has("from")).isFalse();
    assertThat(offlineLine.get("fromSeconds").asDouble()).isEqualTo(5.0);
  }
}
