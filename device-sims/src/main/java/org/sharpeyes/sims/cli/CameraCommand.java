package org.sharpeyes.sims.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FrameRecorder;
import org.sharpeyes.runtime.NamedThreads;
import org.sharpeyes.sims.camera.CameraSimulator;
import org.sharpeyes.sims.camera.CameraStreamOptions;
import org.sharpeyes.sims.camera.FrameSize;
import org.sharpeyes.sims.camera.H264Encoder;
import org.sharpeyes.sims.camera.Scene;
import org.sharpeyes.sims.camera.SceneRecording;
import org.sharpeyes.sims.camera.Walker;
import org.sharpeyes.sims.camera.scenario.ExpectedMatch;
import org.sharpeyes.sims.camera.scenario.ExpectedMatches;
import org.sharpeyes.sims.camera.scenario.Scenario;
import org.sharpeyes.sims.camera.scenario.ScenarioFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code device-sims camera}: a network camera serving a synthetic scene as MJPEG and as H.264 in
 * MPEG-TS over HTTP, or writing it to a video file.
 */
@Command(
    name = "camera",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a synthetic street scene over HTTP, as an IP camera serves its stream, as MJPEG and as"
          + " H.264 in MPEG-TS: a background, vehicles drifting by, and face photos walking"
          + " through, either in turn (--face) or on a script (--scenario).",
      "Runs until Ctrl-C; with --out, writes the scene to a video file instead and exits.",
      "Point an edge-agent camera's source at one of the printed URLs."
    })
final class CameraCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(CameraCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8554",
      description =
          "Port on 127.0.0.1 to serve on; 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--path",
      paramLabel = "PATH",
      defaultValue = CameraStreamOptions.DEFAULT_MJPEG_PATH,
      description = "URL path of the MJPEG stream (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(
      names = "--ts-path",
      paramLabel = "PATH",
      defaultValue = CameraStreamOptions.DEFAULT_TS_PATH,
      description =
          "URL path of the H.264 MPEG-TS stream; must end in .ts (default: ${DEFAULT-VALUE}).")
  String tsPath;

  @Option(
      names = "--max-ts-viewers",
      paramLabel = "N",
      defaultValue = "" + CameraStreamOptions.DEFAULT_MAX_TS_VIEWERS,
      description =
          "Viewers of the TS stream at once, 1..64; each has its own encoder. One more gets 503"
              + " (default: ${DEFAULT-VALUE}).")
  int maxTsViewers;

  @Option(
      names = "--ts-buffer-kib",
      paramLabel = "KIB",
      defaultValue = "2048",
      description =
          "Encoded video that may wait to be sent to one TS viewer, in KiB (at least 16); a viewer"
              + " further behind is cut off (default: ${DEFAULT-VALUE}).")
  int tsBufferKib;

  @Option(
      names = "--fps",
      paramLabel = "N",
      description = "Frames per second, 1..30 (default: 10, or the scenario's).")
  Double fps;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      description =
          "Frame size, 64x64..3840x2160, both even (default: 1280x720, or the scenario's).")
  String size;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the background and the clutter (default: 1, or the scenario's).")
  Long seed;

  @Option(
      names = "--face",
      paramLabel = "PHOTO[:LABEL]",
      description =
          "A photo of one person (a portrait), walking through the scene; repeat for more. They"
              + " take turns, each in view for --stay. Not with --scenario. Never use photos of"
              + " real people you have no right to use.")
  List<String> faces = new ArrayList<>();

  @Option(
      names = "--stay",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long each --face stays in view (default: 10s).")
  Duration stay;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "A YAML (or JSON) file saying who walks through, when, for how long, from where to"
              + " where, and who is watchlisted; see docs/device-sims.md.")
  Path scenarioFile;

  @Option(
      names = "--expected",
      paramLabel = "FILE",
      description =
          "Where to write the face.matched events an edge should report, as JSON lines (default"
              + " with --scenario: <scenario name>.expected.jsonl beside it).")
  Path expectedFile;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Write the scene as H.264 to FILE.ts (MPEG-TS) or FILE.mp4 for --duration, and exit"
              + " instead of serving.")
  Path out;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How much of the scene --out writes (default: 60s).")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    checkCombinations();
    Scenario scenario = scenario();
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    return out != null ? write(scenario) : serve(scenario);
  }

  private void checkCombinations() {
    if (scenarioFile != null && (!faces.isEmpty() || stay != null)) {
      throw bad("--face and --stay cannot be used with --scenario: put the walkers in it");
    }
    if (expectedFile != null && scenarioFile == null) {
      throw bad("--expected needs --scenario: only a scenario says who is watchlisted");
    }
    if (duration != null && out == null) {
      throw bad("--duration needs --out: a served camera runs until Ctrl-C");
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw bad("--duration must be > 0");
    }
    if (out != null && H264Encoder.Container.ofFile(out).isEmpty()) {
      throw bad("--out must name a .ts or .mp4 file, was " + out);
    }
    if (out != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
      throw bad("--out: no folder " + out.toAbsolutePath().getParent());
    }
    if (fps != null && !(fps >= 1 && fps <= 30)) {
      throw bad("--fps must be 1..30, was " + fps);
    }
    if (stay != null && (stay.isNegative() || stay.isZero())) {
      throw bad("--stay must be > 0");
    }
  }

  /** The scenario file, or the --face walkers taking turns; --fps, --size, --seed win. */
  private Scenario scenario() {
    Scenario scenario = scenarioFile != null ? ScenarioFile.read(scenarioFile) : facesInTurn();
    if (fps != null) {
      scenario = scenario.withFps(fps);
    }
    if (size != null) {
      try {
        scenario = scenario.withSize(FrameSize.parse(size));
      } catch (IllegalArgumentException e) {
        throw bad("--size " + e.getMessage());
      }
    }
    return seed != null ? scenario.withSeed(seed) : scenario;
  }

  private Scenario facesInTurn() {
    Duration each = stay != null ? stay : Duration.ofSeconds(10);
    List<Walker> walkers = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      String face = faces.get(i);
      int colon = face.lastIndexOf(':');
      Path photo = Path.of(colon > 0 ? face.substring(0, colon) : face);
      String label = colon > 0 ? face.substring(colon + 1) : photo.getFileName().toString();
      if (!Files.isReadable(photo)) {
        throw bad("--face: cannot read " + photo);
      }
      boolean leftToRight = i % 2 == 0;
      walkers.add(
          new Walker(
              photo,
              label,
              each.multipliedBy(i),
              each,
              leftToRight ? 0.0 : 0.7,
              leftToRight ? 0.7 : 0.0,
              0.15,
              0.55));
    }
    Duration loop =
        walkers.isEmpty() ? Scenario.DEFAULT_EMPTY_LOOP : each.multipliedBy(faces.size());
    return new Scenario(
        Scenario.DEFAULT_FPS, FrameSize.DEFAULT, loop, Scenario.DEFAULT_SEED, walkers);
  }

  private int write(Scenario scenario) {
    Duration length = duration != null ? duration : Duration.ofSeconds(60);
    long frames;
    try (Scene scene = scenario.scene()) {
      frames = SceneRecording.write(scene, scenario.fps(), scenario.loop(), length, out);
    } catch (FrameRecorder.Exception e) {
      throw new UncheckedIOException(new IOException("cannot write " + out + ": " + e, e));
    }
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %s: %d frames, %s, %s fps, H.264, %s s%n",
            out, frames, scenario.size(), scenario.fps(), length.toMillis() / 1000.0);
    writeExpected(ExpectedMatches.within(scenario, length));
    return 0;
  }

  private int serve(Scenario scenario) throws InterruptedException {
    CameraStreamOptions options;
    try {
      options =
          new CameraStreamOptions()
              .setTsPath(tsPath)
              .setMjpegPath(path)
              .setMaxTsViewers(maxTsViewers)
              .setTsViewerBufferBytes(Math.multiplyExact(tsBufferKib, 1024));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw bad(e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (CameraSimulator camera =
        new CameraSimulator(
            scenario.scene(), scenario.fps(), scenario.loop(), options, Clock.systemUTC())) {
      int bound = camera.start("127.0.0.1", port);
      writeExpected(ExpectedMatches.firstLoop(scenario, camera.startedAt()));
      log.info(
          "camera streaming at http://127.0.0.1:{}{} (MJPEG) and http://127.0.0.1:{}{} (H.264"
              + " MPEG-TS) ({}, {} fps, {} walker(s), the scene loops every {} s); Ctrl-C stops",
          bound,
          options.mjpegPath(),
          bound,
          options.tsPath(),
          scenario.size(),
          scenario.fps(),
          scenario.walkers().size(),
          scenario.loop().toMillis() / 1000.0);
      Runtime.getRuntime()
          .addShutdownHook(
              NamedThreads.daemon("camera-sim-shutdown").newThread(stopped::countDown));
      stopped.await();
    }
    return 0;
  }

  private void writeExpected(List<ExpectedMatch> matches) {
    if (scenarioFile == null) {
      return;
    }
    Path file = expectedFile != null ? expectedFile : besideTheScenario();
    ExpectedMatches.write(matches, file);
    log.info("{} expected face.matched window(s) written to {}", matches.size(), file);
  }

  private Path besideTheScenario() {
    String name = scenarioFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return scenarioFile.resolveSibling(stem + ".expected.jsonl");
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
