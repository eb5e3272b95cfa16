package org.sharpeyes.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.edge.config.EdgeAgentConfigLoaderTest.paths;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.health.HealthConfig;

class HealthConfigTest {

  static final String BASE =
      """
      edgeId: edge-wuling-01
      broker:
        url: tcp://127.0.0.1:1883
      devices:
        - id: "43070200001320000101"
          kind: plate-reader
          plateHttp:
            port: 8081
      """;

  @Test
  void aConfigWithoutTheSectionGetsTheDefaults() {
    assertThat(EdgeAgentConfigLoader.parse(BASE).orThrow().health())
        .isEqualTo(HealthConfig.DEFAULTS);
  }

  @Test
  void everySettingCanBeGiven() {
    HealthConfig h =
        EdgeAgentConfigLoader.parse(
                BASE
                    + """
                    health:
                      period: 10s
                      hold: 30s
                      grace: 1m
                      refresh: 0s
                      plateReaderSilence: 12m
                      cameraFpsFactor: 0.8
                      plateReaderSilenceByDevice:
                        "43070200001320000101": 2h
                    """)
            .orThrow()
            .health();

    assertThat(h)
        .isEqualTo(
            new HealthConfig(
                true,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ZERO,
                Duration.ofMinutes(12),
                0.8,
                Map.of("43070200001320000101", Duration.ofHours(2))));
    assertThat(h.plateReaderSilence("43070200001320000101")).isEqualTo(Duration.ofHours(2));
    assertThat(h.plateReaderSilence("43070200001320000102")).isEqualTo(Duration.ofMinutes(12));
  }

  @Test
  void problemsNameTheirPath() {
    var result =
        EdgeAgentConfigLoader.parse(
            BASE
                + """
                health:
                  period: 0s
                  refresh: 2s
                  cameraFpsFactor: 3
                  silence: 5m
                  plateReaderSilenceByDevice:
                    "43070200001320000999": 30m
                    gate-1: 30m
                """);

    assertThat(paths(result)).contains("health.period", "health.cameraFpsFactor", "health.silence");
  }
}
