package org.sharpeyes.sims.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sharpeyes.sims.camera.CameraSimulator;
import org.sharpeyes.sims.camera.Scene;
import org.sharpeyes.sims.camera.Walker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code device-sims camera}: a network camera serving a synthetic scene as MJPEG over HTTP. */
@Command(
    name = "camera",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a synthetic street scene as MJPEG over HTTP, as an IP camera serves its stream:",
      "a background, vehicles drifting by, and face photos (--face) walking through in turn.",
      "Runs until Ctrl-C. Point an edge-agent camera's source at the printed URL."
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
      defaultValue = "/stream.mjpeg",
      description = "URL path of the stream (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(
      names = "--fps",
      paramLabel = "N",
      defaultValue = "10",
      description = "Frames per second, 1..30 (default: ${DEFAULT-VALUE}).")
  double fps;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      defaultValue = "1280x720",
      description = "Frame size (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(
      names = "--face",
      paramLabel = "PHOTO[:LABEL]",
      description =
          "A photo of one person (a portrait), walking through the scene; repeat for more. They"
              + " take turns, each in view for --stay. Never use photos of real people you have"
              + " no right to use.")
  List<String> faces = new ArrayList<>();

  @Option(
      names = "--stay",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How long each face stays in view (default: ${DEFAULT-VALUE}).")
  Duration stay;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the background and the clutter (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (!(fps >= 1 && fps <= 30)) {
      throw new ParameterException(spec.commandLine(), "--fps must be 1..30, was " + fps);
    }
    String[] wh = size.split("x");
    int width;
    int height;
    try {
      width = Integer.parseInt(wh[0]);
      height = Integer.parseInt(wh[1]);
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), "--size must be WxH, e.g. 1280x720");
    }
    if (width < 64 || height < 64 || width > 3840 || height > 2160) {
      throw new ParameterException(spec.commandLine(), "--size must be 64x64..3840x2160");
    }
    List<Walker> walkers = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      String spec = faces.get(i);
      int colon = spec.lastIndexOf(':');
      Path photo = Path.of(colon > 0 ? spec.substring(0, colon) : spec);
      String label = colon > 0 ? spec.substring(colon + 1) : photo.getFileName().toString();
      if (!Files.isReadable(photo)) {
        throw new ParameterException(this.spec.commandLine(), "--face: cannot read " + photo);
      }
      boolean leftToRight = i % 2 == 0;
      walkers.add(
          new Walker(
              photo,
              label,
              stay.multipliedBy(i),
              stay,
              leftToRight ? 0.0 : 0.7,
              leftToRight ? 0.7 : 0.0,
              0.15,
              0.55));
    }
    Duration length =
        walkers.isEmpty() ? Duration.ofSeconds(60) : stay.multipliedBy(walkers.size());
    CountDownLatch stopped = new CountDownLatch(1);
    try (CameraSimulator camera =
        new CameraSimulator(new Scene(width, height, walkers, seed), fps, length, path)) {
      int bound = camera.start("127.0.0.1", port);
      log.info(
          "camera streaming at http://127.0.0.1:{}{} ({}x{}, {} fps, {} face(s), the scene loops"
              + " every {} s); Ctrl-C stops",
          bound,
          path,
          width,
          height,
          fps,
          walkers.size(),
          length.toSeconds());
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
    return 0;
  }
}
