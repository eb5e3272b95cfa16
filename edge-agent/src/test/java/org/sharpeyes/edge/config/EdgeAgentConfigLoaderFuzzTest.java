package org.sharpeyes.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.sharpeyes.config.ConfigResult;

/**
 * Coverage-guided fuzzing of {@link EdgeAgentConfigLoader#parse(String)}: whatever an operator
 * writes, the loader answers {@link ConfigResult.Success} or a {@link ConfigResult.Failure} with
 * its problems — it never throws and never hangs.
 *
 * <p>Under plain JUnit this runs the seeds in {@code EdgeAgentConfigLoaderFuzzTestInputs/<method>/}
 * (the shipped {@code config/edge-agent.yaml} and variants, plus every input that once failed).
 * With {@code JAZZER_FUZZ=1} Jazzer mutates them; see {@code docs/reliability.md}, "Fuzzing".
 */
class EdgeAgentConfigLoaderFuzzTest {

  /** Inputs per long run; the issue asks for at least 100k. */
  static final long EXECUTIONS = 500_000;

  static final Duration PER_INPUT = Duration.ofSeconds(5);

  // Values that reach the branches behind the keys (units, schemes, YAML escapes).
  @DictionaryEntries({
    "ssl://",
    "tcp://",
    "tls: { caFile: ",
    "\"\\0\"",
    "PT",
    "999999999d",
    "999999999999GiB",
    "MiB",
    "ms",
    "plate-reader",
    "!!binary ",
    "&a ",
    "*a",
    "{ lat: ",
    "- id: \"43070200001320000101\""
  })
  @FuzzTest(maxDuration = "60m", maxExecutions = EXECUTIONS)
  void anyFileIsLoadedOrRefusedWithItsProblems(byte[] file) {
    String yaml = new String(file, StandardCharsets.UTF_8);

    ConfigResult<EdgeAgentConfig> result =
        assertTimeoutPreemptively(PER_INPUT, () -> EdgeAgentConfigLoader.parse(yaml));

    assertThat(result).isNotNull();
    if (result instanceof ConfigResult.Failure<EdgeAgentConfig> failure) {
      assertThat(failure.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }
  }
}
