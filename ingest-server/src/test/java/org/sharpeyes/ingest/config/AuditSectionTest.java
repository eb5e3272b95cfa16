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

/** The {@code audit} section of ingest-server.yaml. */
class AuditSectionTest {

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
  void retentionDefaultsToAYear() {
    assertThat(parse("").orThrow().audit().retention()).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void retentionIsADurationWithItsUnit() {
    assertThat(parse("audit: { retention: 180d }").orThrow().audit().retention())
        .isEqualTo(Duration.ofDays(180));
  }

  @Test
  void aRetentionShorterThanADayOrAnUnknownKeyIsNamedByItsPath() {
    ConfigResult<IngestServerConfig> result = parse("audit: { retention: 2h, keep: 3 }");

    assertThat(result).isInstanceOf(ConfigResult.Failure.class);
    assertThat(result.problems().stream().map(ConfigProblem::toString))
        .anySatisfy(p -> assertThat(p).startsWith("audit.retention").contains("out of range"))
        .anySatisfy(p -> assertThat(p).startsWith("audit.keep"));
  }

  @Test
  void withAuditReplacesOnlyTheAuditSection() {
    IngestServerConfig config = IngestServerConfig.defaults(configDir);

    IngestServerConfig changed = config.withAudit(new AuditConfig(Duration.ofDays(90)));

    assertThat(changed.audit().retention()).isEqualTo(Duration.ofDays(90));
    assertThat(changed.store()).isEqualTo(config.store());
  }
}
