package org.sharpeyes.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.sharpeyes.config.ConfigResult;

/**
 * Coverage-guided fuzzing of {@link IngestServerConfigLoader#parse}: whatever an operator writes,
 * the loader answers {@link ConfigResult.Success} or a {@link ConfigResult.Failure} with its
 * problems — it never throws and never hangs.
 *
 * <p>Under plain JUnit this runs the seeds in {@code IngestServerConfigLoaderFuzzTestInputs/} (the
 * shipped {@code config/ingest-server.yaml} and variants, plus every input that once failed). With
 * {@code JAZZER_FUZZ=1} Jazzer mutates them; see {@code docs/reliability.md}, "Fuzzing".
 */
class IngestServerConfigLoaderFuzzTest {

  /** Inputs per long run; the issue asks for at least 100k. */
  static final long EXECUTIONS = 500_000;

  static final Duration PER_INPUT = Duration.ofSeconds(5);

  private static final IngestServerConfigLoader LOADER =
      new IngestServerConfigLoader(Map.of("SHARPEYES_MQTT_PASSWORD", "secret"));
  private static final Path CONFIG_DIR = Path.of("").toAbsolutePath();

  // Values that reach the branches behind the keys (units, schemes, YAML escapes).
  @DictionaryEntries({
    "tcp://",
    "ssl://",
    "jdbc:h2:",
    "jdbc:postgresql://",
    "\"\\0\"",
    "PT",
    "99999999999999999999d",
    "99999999999999999999GiB",
    "KiB",
    "ms",
    "enabled: false",
    "!!binary ",
    "&a ",
    "*a"
  })
  @FuzzTest(maxDuration = "60m", maxExecutions = EXECUTIONS)
  void anyFileIsLoadedOrRefusedWithItsErrors(byte[] file) {
    String yaml = new String(file, StandardCharsets.UTF_8);

    ConfigResult<IngestServerConfig> result =
        assertTimeoutPreemptively(
            PER_INPUT, () -> LOADER.parse(yaml, CONFIG_DIR, ConfigOverrides.NONE));

    assertThat(result).isNotNull();
    if (result instanceof ConfigResult.Failure<IngestServerConfig> failure) {
      assertThat(failure.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }
  }
}
