package org.sharpeyes.sims.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sharpeyes.sims.portrait.FrontalFaceCascade;
import org.sharpeyes.sims.portrait.PortraitCutter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code device-sims portraits}: single-face portraits cut out of group photos. */
@Command(
    name = "portraits",
    mixinStandardHelpOptions = true,
    description = {
      "Cuts head-and-shoulders portraits, one face each, out of group photos: a square 2.2 times"
          + " the face's width, centred on it and clipped to the photo, written as"
          + " <photo-stem>-face<N>.jpg (N: the face's place from the left).",
      "Faces are found by OpenCV's frontal-face cascade; a face without two eyes found in it, or"
          + " whose crop holds another face, is skipped. Prints one line per portrait written.",
      "For demos and tests (--face, scenarios): never keep portraits in the repository."
    })
final class PortraitsCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(PortraitsCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--photos",
      paramLabel = "DIR",
      required = true,
      description = "A folder of group photos (.jpg, .jpeg, .png), or one photo.")
  Path photos;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Where to write the portraits; created if missing.")
  Path out;

  @Option(
      names = "--min-face",
      paramLabel = "PX",
      defaultValue = "" + PortraitCutter.DEFAULT_MIN_FACE,
      description =
          "The smallest face looked for, in pixels of the photo, at least 20; smaller finds more"
              + " and slower (default: ${DEFAULT-VALUE}).")
  int minFace;

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(photos)) {
      throw bad("--photos: no such folder or file " + photos);
    }
    if (minFace < 20) {
      throw bad("--min-face must be at least 20, was " + minFace);
    }
    List<Path> found = PortraitCutter.photosIn(photos);
    if (found.isEmpty()) {
      throw bad("--photos: no .jpg, .jpeg or .png photos in " + photos);
    }
    Files.createDirectories(out);
    PrintWriter stdout = spec.commandLine().getOut();
    int written = 0;
    try (FrontalFaceCascade cascade = FrontalFaceCascade.load()) {
      PortraitCutter cutter = new PortraitCutter(cascade, minFace);
      for (Path photo : found) {
        List<PortraitCutter.Outcome> outcomes;
        try {
          outcomes = cutter.cut(photo, out);
        } catch (IllegalArgumentException e) {
          log.warn("skipped {}: {}", photo, e.getMessage());
          continue;
        }
        for (PortraitCutter.Outcome outcome : outcomes) {
          if (outcome instanceof PortraitCutter.Written w) {
            written++;
            stdout.printf(
                "%s  face %d of %s, %d px wide at (%d,%d)%n",
                w.file(), w.face(), photo.getFileName(), w.box().width(), w.box().x(), w.box().y());
          } else if (outcome instanceof PortraitCutter.Skipped s) {
            log.info("skipped face {} of {}: {}", s.face(), photo.getFileName(), s.reason());
          }
        }
      }
    }
    stdout.flush();
    if (written == 0) {
      spec.commandLine().getErr().println("device-sims: no portraits written");
      return 1;
    }
    return 0;
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
