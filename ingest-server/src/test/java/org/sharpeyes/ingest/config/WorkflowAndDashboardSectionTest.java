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
import org.sharpeyes.ingest.reference.RegionLevel;
import org.sharpeyes.ingest.reference.Severity;

/** The {@code workflow} and {@code dashboard} sections of ingest-server.yaml. */
class WorkflowAndDashboardSectionTest {

  @TempDir Path configDir;

  private final IngestServerConfigLoader loader = new IngestServerConfigLoader(Map.of());

  @BeforeEach
  void referenceDir() throws Exception {
    Files.createDirectories(configDir.resolve("demo-city"));
  }

  private ConfigResult<IngestServerConfig> parse(String yaml) {
    return loader.parse(yaml, configDir, ConfigOverrides.NONE);
  }

  private static java.util.List<String> problems(ConfigResult<IngestServerConfig> r) {
    return r.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void anEmptyFileRoutesBySeverityWithTheDocumentedDeadlinesAndNoTiles() {
    IngestServerConfig c = parse("").orThrow();

    assertThat(c.workflow().start("plate-hotlist", Severity.MEDIUM).level())
        .isEqualTo(RegionLevel.VILLAGE);
    assertThat(c.workflow().start("plate-hotlist", Severity.CRITICAL).inform())
        .containsExactly(RegionLevel.CITY);
    assertThat(c.workflow().deadline(RegionLevel.TOWNSHIP, Severity.HIGH).acknowledge())
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(c.dashboard().tiles()).isNull();
  }

  @Test
  void aRuleRoutedOnItsOwnAndALevelsOwnDeadlineOverrideTheSeverity() {
    IngestServerConfig c =
        parse(
                "workflow:\n"
                    + "  routing: { rules: { door-forced: county } }\n"
                    + "  deadlines:\n"
                    + "    high: { acknowledge: 10m, resolve: 4h }\n"
                    + "    levels: { city: { high: { acknowledge: 30m } } }\n")
            .orThrow();

    assertThat(c.workflow().start("door-forced", Severity.HIGH).level())
        .isEqualTo(RegionLevel.COUNTY);
    assertThat(c.workflow().deadline(RegionLevel.VILLAGE, Severity.HIGH).acknowledge())
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(c.workflow().deadline(RegionLevel.CITY, Severity.HIGH).acknowledge())
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(c.workflow().deadline(RegionLevel.CITY, Severity.HIGH).resolve())
        .isEqualTo(Duration.ofHours(4));
  }

  @Test
  void everyWrongWorkflowValueIsNamedByItsPath() {
    ConfigResult<IngestServerConfig> r =
        parse(
            "workflow:\n"
                + "  routing: { urgent: city, low: hamlet }\n"
                + "  deadlines: { low: { acknowledge: 2h, resolve: 1h } }\n"
                + "  governance: { weights: { resolved: 0.9, withinGrid: 0.5 } }\n");

    assertThat(problems(r))
        .anySatisfy(p -> assertThat(p).startsWith("workflow.routing.urgent"))
        .anySatisfy(p -> assertThat(p).startsWith("workflow.routing.low").contains("hamlet"))
        .anySatisfy(p -> assertThat(p).startsWith("workflow.deadlines.low.resolve"))
        .anySatisfy(p -> assertThat(p).startsWith("workflow.governance.weights").contains("1.4"));
  }

  @Test
  void aTianditTileLayerIsAllowedOnTheMapAndItsHostInThePagePolicy() {
    IngestServerConfig c =
        parse(
                "dashboard:\n  tiles:\n    url: \"https://t{s}.tianditu.gov.cn/vec_w/wmts?"
                    + "TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY\"\n"
                    + "    subdomains: \"01234567\"\n    attribution: 天地图\n")
            .orThrow();

    assertThat(c.dashboard().tiles().subdomains()).isEqualTo("01234567");
    assertThat(c.dashboard().tiles().imageSource()).isEqualTo("https://*.tianditu.gov.cn");
  }

  @Test
  void aTileUrlWithoutItsPlaceholdersIsRefusedWithAnExample() {
    assertThat(problems(parse("dashboard: { tiles: { url: \"https://tiles.example/map.png\" } }")))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("dashboard.tiles.url").contains("TILEMATRIX={z}"));
  }
}
