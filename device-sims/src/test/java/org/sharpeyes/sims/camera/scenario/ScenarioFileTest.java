package org.sharpeyes.sims.camera.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.sims.camera.FrameSize;
import org.sharpeyes.sims.camera.Walker;
import org.sharpeyes.sims.yaml.InvalidFileException;

class ScenarioFileTest {

  @TempDir Path dir;

  @BeforeEach
  void photos() throws IOException {
    Files.createDirectories(dir.resolve("portraits"));
    Files.write(dir.resolve("portraits/a.jpg"), new byte[] {1});
    Files.write(dir.resolve("portraits/b.jpg"), new byte[] {1});
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private InvalidFileException problemsOf(String yaml) throws IOException {
    return catchThrowableOfType(
        InvalidFileException.class, () -> ScenarioFile.read(file("bad.yaml", yaml)));
  }

  private static java.util.List<String> problems(InvalidFileException e) {
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void theDocumentedExampleReadsWithItsWalkerAndPhotoPathsRelativeToTheFile() throws IOException {
    Scenario scenario =
        ScenarioFile.read(
            file(
                "demo.yaml",
                """
                fps: 10
                size: 1280x720
                loop: 60s
                walkers:
                  - photo: portraits/a.jpg
                    label: KP0001
                    watchlisted: true
                    enter: 0s
                    stay: 12s
                    from: 0.0
                    to: 0.45
                    y: 0.15
                    height: 0.55
                """));

    assertThat(scenario.fps()).isEqualTo(10);
    assertThat(scenario.size()).isEqualTo(new FrameSize(1280, 720));
    assertThat(scenario.loop()).isEqualTo(Duration.ofSeconds(60));
    assertThat(scenario.walkers())
        .containsExactly(
            new Walker(
                dir.resolve("portraits/a.jpg").toAbsolutePath(),
                "KP0001",
                Duration.ZERO,
                Duration.ofSeconds(12),
                0.0,
                0.45,
                0.15,
                0.55,
                true));
  }

  @Test
  void leftOutValuesTakeTheirDefaultsAndTheLoopEndsWhenTheLastWalkerLeaves() throws IOException {
    Scenario scenario =
        ScenarioFile.read(
            file(
                "short.yaml",
                """
                walkers:
                  - {photo: portraits/a.jpg, stay: 1.5s}
                  - {photo: portraits/b.jpg, label: somebody, enter: 4s, stay: 8s}
                """));

    assertThat(scenario.fps()).isEqualTo(Scenario.DEFAULT_FPS);
    assertThat(scenario.size()).isEqualTo(FrameSize.DEFAULT);
    assertThat(scenario.loop()).isEqualTo(Duration.ofSeconds(12));
    Walker first = scenario.walkers().get(0);
    assertThat(first.label()).isEqualTo("a");
    assertThat(first.watchlisted()).isFalse();
    assertThat(first.stay()).isEqualTo(Duration.ofMillis(1500));
    assertThat(first.toX()).isEqualTo(ScenarioFile.DEFAULT_TO);
  }

  @Test
  void aScenarioMayBeWrittenAsJson() throws IOException {
    Scenario scenario =
        ScenarioFile.read(
            file(
                "demo.json",
                """
                {"fps": 5, "size": "640x360", "walkers": [
                  {"photo": "portraits/a.jpg", "label": "KP0002", "watchlisted": true,
                   "enter": "2s", "stay": "PT10S"}]}
                """));

    assertThat(scenario.fps()).isEqualTo(5);
    assertThat(scenario.walkers().get(0).leave()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPath() throws IOException {
    InvalidFileException e =
        problemsOf(
            """
            fps: 60
            size: wide
            colour: red
            walkers:
              - photo: portraits/a.jpg
                stay: 10s
                height: 2
              - photo: portraits/b.jpg
                stay: 0s
              - photo: portraits/missing.jpg
                watchlisted: true
                enter: soon
            """);

    assertThat(problems(e))
        .containsExactlyInAnyOrder(
            "colour: unknown key — expected one of: fps, size, loop, seed, walkers",
            "fps: 60 is out of range — expected 1..30",
            "size: must be WxH, e.g. 1280x720, was 'wide'",
            "walkers[0].height: 2 is out of range — expected 0.05..1",
            "walkers[1].stay: 0s is out of range — expected 1ms..1d",
            "walkers[2].photo: cannot read "
                + dir.resolve("portraits/missing.jpg").toAbsolutePath(),
            "walkers[2].label: missing — a watchlisted walker needs the person id an edge reports",
            "walkers[2].enter: 'soon' is not a duration — write a number and a unit: ms, s, m, h"
                + " or d (e.g. 30s)",
            "walkers[2].stay: missing — how long the walker stays in view, e.g. 10s");
    assertThat(e.getMessage()).startsWith(dir.resolve("bad.yaml") + ": 9 problems:");
  }

  @Test
  void aWalkerStillInViewWhenTheLoopEndsIsRefused() throws IOException {
    InvalidFileException e =
        problemsOf(
            """
            loop: 60s
            walkers:
              - {photo: portraits/a.jpg, enter: 50s, stay: 20s}
            """);

    assertThat(problems(e))
        .containsExactly(
            "walkers[0]: leaves at 70s (enter + stay), after the loop ends at 1m — enter earlier,"
                + " stay less, or lengthen the loop");
  }

  @Test
  void aDurationWithoutAUnitIsRefusedRatherThanGuessed() throws IOException {
    InvalidFileException e = problemsOf("walkers:\n  - {photo: portraits/a.jpg, stay: 10}\n");

    assertThat(problems(e))
        .containsExactly("walkers[0].stay: 10 has no unit — write 10s or 10000ms");
  }

  @Test
  void brokenYamlIsReportedWithItsLine() throws IOException {
    InvalidFileException e = problemsOf("fps: 10\nwalkers: [\n  - oops: {\n");

    assertThat(problems(e)).singleElement().asString().startsWith("$: not valid YAML at line ");
  }

  @Test
  void aMissingFileIsReportedAsSuch() {
    InvalidFileException e =
        catchThrowableOfType(
            InvalidFileException.class, () -> ScenarioFile.read(dir.resolve("none.yaml")));

    assertThat(e.getMessage())
        .isEqualTo(dir.resolve("none.yaml") + ": 1 problem:\n  $: file not found");
  }
}
