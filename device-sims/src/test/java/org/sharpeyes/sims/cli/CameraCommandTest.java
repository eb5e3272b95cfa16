package org.sharpeyes.sims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.sims.testing.TestPhotos;
import picocli.CommandLine;

class CameraCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path scenario;

  @BeforeEach
  void scenario() throws Exception {
    TestPhotos.drawnPortrait(dir.resolve("kp0001.jpg"));
    TestPhotos.drawnPortrait(dir.resolve("somebody.jpg"));
    scenario =
        Files.writeString(
            dir.resolve("gate.yaml"),
            """
            fps: 10
            size: 320x240
            loop: 2s
            walkers:
              - {photo: kp0001.jpg, label: KP0001, watchlisted: true, enter: 0.5s, stay: 1s}
              - {photo: somebody.jpg, enter: 0s, stay: 2s, from: 0.9, to: 0.5}
            """);
  }

  private int run(String... args) {
    CommandLine cli = DeviceSimsMain.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpNamesBothStreamsTheScenarioAndTheFile() {
    assertThat(run("camera", "--help")).isZero();

    assertThat(out.toString())
        .contains("--ts-path", "--max-ts-viewers", "--scenario", "--expected", "--out")
        .contains("--duration", "MPEG-TS");
  }

  @Test
  void outWritesTheScenarioToAFileAndTheExpectedMatchesBesideTheScenario() throws Exception {
    Path video = dir.resolve("gate.ts");

    int exit =
        run(
            "camera",
            "--scenario",
            scenario.toString(),
            "--out",
            video.toString(),
            "--duration",
            "5s");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("wrote " + video + ": 50 frames, 320x240");
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
      grabber.start();
      int frames = 0;
      while (grabber.grabImage() != null) {
        frames++;
      }
      assertThat(frames).isBetween(49, 51);
      assertThat(grabber.getImageWidth()).isEqualTo(320);
    }
    List<String> expected = Files.readAllLines(dir.resolve("gate.expected.jsonl"));
    assertThat(expected).hasSize(3).allSatisfy(line -> assertThat(line).contains("\"KP0001\""));
    assertThat(expected.get(2)).contains("\"loop\":2", "\"fromSeconds\":4.5", "\"toSeconds\":5.0");
  }

  @Test
  void theExpectedMatchesGoWhereAsked() throws Exception {
    Path expected = dir.resolve("elsewhere.jsonl");

    int exit =
        run(
            "camera",
            "--scenario",
            scenario.toString(),
            "--expected",
            expected.toString(),
            "--out",
            dir.resolve("gate.mp4").toString(),
            "--duration",
            "1s",
            "--size",
            "160x120");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("10 frames, 160x120");
    assertThat(Files.readAllLines(expected)).hasSize(1);
    assertThat(dir.resolve("gate.expected.jsonl")).doesNotExist();
  }

  @Test
  void aScenarioWithProblemsIsRefusedWithTheirPaths() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
            walkers:
              - {photo: kp0001.jpg, stay: 3s}
              - {photo: kp0001.jpg, stay: 0s}
            """);

    int exit = run("camera", "--scenario", bad.toString(), "--out", dir.resolve("x.ts").toString());

    assertThat(exit).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains(bad + ": 1 problem:")
        .contains("  walkers[1].stay: 0s is out of range — expected 1ms..1d");
    assertThat(dir.resolve("x.ts")).doesNotExist();
  }

  @Test
  void optionsThatContradictEachOtherAreRefusedBeforeAnythingStarts() {
    assertThat(run("camera", "--scenario", scenario.toString(), "--face", "kp0001.jpg"))
        .isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(run("camera", "--duration", "10s")).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(run("camera", "--expected", "x.jsonl")).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(run("camera", "--out", dir.resolve("x.avi").toString()))
        .isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);
    assertThat(run("camera", "--size", "321x240")).isEqualTo(DeviceSimsMain.EXIT_BAD_INPUT);

    assertThat(err.toString())
        .contains("--face and --stay cannot be used with --scenario")
        .contains("--duration needs --out")
        .contains("--expected needs --scenario")
        .contains("--out must name a .ts or .mp4 file")
        .contains("--size must have even sides");
  }
}
