package org.sharpeyes.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.ingest.reference.Severity;

/** {@code rules.deviceOffline} of ingest-server.yaml. */
class DeviceOfflineSectionTest {

  @TempDir Path configDir;

  private final IngestServerConfigLoader loader = new IngestServerConfigLoader(Map.of());

  @BeforeEach
  void referenceDir() throws Exception {
    Files.createDirectories(configDir.resolve("demo-city"));
  }

  private ConfigResult<IngestServerConfig> parse(String yaml) {
    return loader.parse(yaml, configDir, ConfigOverrides.NONE);
  }

  @Test
  void anEmptyFileWaitsFiveMinutesAtMediumSeverity() {
    DeviceOfflineConfig c = parse("").orThrow().accessRules().deviceOffline();

    assertThat(c.longerThan("camera")).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void aKindMayWaitLongerAndTheSeverityBeChosen() {
    DeviceOfflineConfig c =
        parse(
                "rules:\n  deviceOffline:\n    longerThan: 2m\n    severity: high\n"
                    + "    kinds: { gate: 30m }\n")
            .orThrow()
            .accessRules()
            .deviceOffline();

    assertThat(c.longerThan("gate")).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.longerThan("camera")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void badValuesAreReportedAtTheirPath() {
    ConfigResult<IngestServerConfig> r =
        parse(
            "rules:\n  deviceOffline:\n    longerThan: 1s\n    severity: urgent\n"
                + "    kinds: { gate: soon }\n    after: 3\n");

    assertThat(r.problems().stream().map(ConfigProblem::toString))
        .anySatisfy(p -> assertThat(p).contains("rules.deviceOffline.longerThan"))
        .anySatisfy(p -> assertThat(p).contains("rules.deviceOffline.severity"))
        .anySatisfy(p -> assertThat(p).contains("rules.deviceOffline.kinds.gate"))
        .anySatisfy(p -> assertThat(p).contains("rules.deviceOffline.after"));
  }
}
