package org.sharpeyes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigResultTest {

  static final ConfigProblem URL =
      new ConfigProblem("broker.urll", "unknown key — did you mean 'url'?");
  static final ConfigProblem PORT =
      new ConfigProblem("devices[0].plateHttp.port", "70000 is out of range — expected 0..65535");

  @Test
  void aProblemIsPrintedAsItsPathAndItsMessage() {
    assertThat(URL).hasToString("broker.urll: unknown key — did you mean 'url'?");
    assertThat(ConfigProblem.wholeFile("file not found")).hasToString("$: file not found");
  }

  @Test
  void aFailureIsReportedWithItsSourceTheCountAndOneProblemALine() {
    ConfigResult.Failure<String> two = new ConfigResult.Failure<>(List.of(URL, PORT));
    ConfigResult.Failure<String> one = new ConfigResult.Failure<>(List.of(PORT));

    assertThat(two.report("config/edge-agent.yaml"))
        .isEqualTo(
            """
            config/edge-agent.yaml: 2 problems:
              broker.urll: unknown key — did you mean 'url'?
              devices[0].plateHttp.port: 70000 is out of range — expected 0..65535""");
    assertThat(one.report("edge.yaml"))
        .isEqualTo(
            "edge.yaml: 1 problem:\n  devices[0].plateHttp.port: 70000 is out of range — expected"
                + " 0..65535");
  }

  @Test
  void aFailureHasAtLeastOneProblem() {
    assertThatThrownBy(() -> new ConfigResult.Failure<String>(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void orThrowGivesTheValueOrEveryProblem() {
    assertThat(new ConfigResult.Success<>("ok").orThrow()).isEqualTo("ok");
    assertThatThrownBy(() -> new ConfigResult.Failure<String>(List.of(URL, PORT)).orThrow())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid config: 2 problems:\n  " + URL + "\n  " + PORT);
  }

  @Test
  void theNextStepRunsOnlyOnASuccessAndAFailureKeepsItsProblems() {
    ConfigResult<Integer> length =
        new ConfigResult.Success<>("four").then(s -> new ConfigResult.Success<>(s.length()));
    ConfigResult<Integer> failed =
        ConfigResult.<String>failure(URL).then(s -> new ConfigResult.Success<>(s.length()));

    assertThat(length.orThrow()).isEqualTo(4);
    assertThat(length.problems()).isEmpty();
    assertThat(failed.problems()).containsExactly(URL);
  }
}
