package org.sharpeyes.sims.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sharpeyes.sims.plate.SimulationReport;

class StepTableTest {

  private static LoadReport step(double rate, long sent, long answers503) {
    SimulationReport posted =
        new SimulationReport(
            URI.create("http://127.0.0.1:8081/plates"),
            rate,
            sent,
            sent / 2,
            answers503 == 0 ? Map.of(202, sent) : Map.of(202, sent - answers503, 503, answers503),
            0,
            0,
            0,
            0,
            Duration.ofSeconds(10));
    AlertMatcher.MatchResult alerts =
        new AlertMatcher.MatchResult(sent / 2, sent / 2, 0, 0, 0, 5, sent / 2, 0, 0, 0, List.of());
    LatencySummary latency = new LatencySummary(10, 0, 2_000, 5_000, 9_000, 12_000);
    return LoadReport.assess(
        "http://127.0.0.1:8080/api/alerts/stream", posted, 0, latency, latency, alerts, "OPEN", 10);
  }

  @Test
  void theHighestRateThatKeptUpIsNamed() {
    List<LoadReport> steps = List.of(step(100, 1000, 0), step(200, 2000, 0), step(400, 4000, 12));

    String table = StepTable.format(steps);

    assertThat(table).contains("rate/s").contains("highest sustained rate: 200/s");
    assertThat(table.lines().filter(l -> l.trim().startsWith("400")))
        .singleElement()
        .asString()
        .endsWith("no");
    assertThat(StepTable.highestSustainedRate(steps)).hasValue(200);
  }

  @Test
  void aRateBelowNinetyFivePercentOfTheTargetDidNotKeepUp() {
    LoadReport slow = step(400, 3000, 0);

    assertThat(slow.keptUp()).isFalse();
    assertThat(slow.shortfalls())
        .singleElement()
        .asString()
        .contains("achieved 300.0/s is below 95%");
    assertThat(StepTable.format(List.of(slow))).contains("no rate kept up");
  }
}
