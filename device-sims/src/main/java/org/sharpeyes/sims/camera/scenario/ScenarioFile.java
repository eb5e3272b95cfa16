package org.sharpeyes.sims.camera.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.ConfigYaml;
import org.sharpeyes.config.Quantities;
import org.sharpeyes.sims.camera.FrameSize;
import org.sharpeyes.sims.camera.Walker;
import org.sharpeyes.sims.yaml.InvalidFileException;

/**
 * Reads a scenario file: YAML (and so JSON too), for example
 *
 * <pre>
 * fps: 10
 * size: 1280x720
 * loop: 60s
 * walkers:
 *   - photo: portraits/sample6-face1.jpg   # relative to the scenario file
 *     label: KP0001
 *     watchlisted: true
 *     enter: 0s
 *     stay: 12s
 *     from: 0.0
 *     to: 0.45
 *     y: 0.15
 *     height: 0.55
 * </pre>
 *
 * Unknown keys are refused, every bound is checked, and every problem in the file is reported at
 * once with its path ({@code walkers[1].stay: 0s is out of range — expected 1ms..1d}).
 */
public final class ScenarioFile {

  static final List<String> TOP_KEYS = List.of("fps", "size", "loop", "seed", "walkers");
  static final List<String> WALKER_KEYS =
      List.of("photo", "label", "watchlisted", "enter", "stay", "from", "to", "y", "height");

  static final double DEFAULT_FROM = 0.0;
  static final double DEFAULT_TO = 0.7;
  static final double DEFAULT_Y = 0.15;
  static final double DEFAULT_HEIGHT = 0.55;

  /** The longest time a scenario speaks of: a walk, a loop. */
  static final Duration LONGEST = Duration.ofDays(1);

  private ScenarioFile() {}

  /**
   * The scenario in {@code file}; photo paths are relative to the file's folder.
   *
   * @throws InvalidFileException with every problem found, when the file cannot be played
   */
  public static Scenario read(Path file) {
    return InvalidFileException.orThrow(file.toString(), load(file));
  }

  /** The scenario in {@code file}, or every problem found in it. */
  public static ConfigResult<Scenario> load(Path file) {
    return ConfigYaml.read(file, ConfigYaml.Limits.DEFAULTS).then(ScenarioFile::parse);
  }

  /** The scenario in a tree; photo paths are relative to the tree's base directory. */
  static ConfigResult<Scenario> parse(ConfigTree top) {
    top.allowKeys(TOP_KEYS);
    Double fps = top.decimal("fps", Scenario.DEFAULT_FPS, 1, 30);
    FrameSize size = FrameSize.DEFAULT;
    String sizeText = top.text("size");
    if (sizeText != null) {
      try {
        size = FrameSize.parse(sizeText);
      } catch (IllegalArgumentException e) {
        top.problem("size", e.getMessage());
      }
    }
    Long seed = top.whole("seed", Scenario.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
    List<ConfigTree> walkerNodes = top.list("walkers");
    List<Walker> walkers = new ArrayList<>();
    for (int i = 0; i < walkerNodes.size(); i++) {
      Walker w = walker(walkerNodes.get(i), i);
      if (w != null) {
        walkers.add(w);
      }
    }
    Duration loop = loop(top, walkerNodes, walkers);
    FrameSize frame = size;
    return top.result(() -> new Scenario(fps, frame, loop, seed, walkers));
  }

  /** The loop as written, else when the last walker leaves; checks that everyone has left. */
  private static Duration loop(ConfigTree top, List<ConfigTree> nodes, List<Walker> walkers) {
    Duration lastLeave = walkers.stream().map(Walker::leave).max(Duration::compareTo).orElse(null);
    if (!top.has("loop")) {
      return lastLeave != null ? lastLeave : Scenario.DEFAULT_EMPTY_LOOP;
    }
    Duration loop = top.duration("loop", null, Duration.ofMillis(1), LONGEST);
    if (loop != null && walkers.size() == nodes.size()) {
      for (int i = 0; i < walkers.size(); i++) {
        Duration leave = walkers.get(i).leave();
        if (leave.compareTo(loop) > 0) {
          nodes
              .get(i)
              .problem(
                  "leaves at "
                      + Quantities.format(leave)
                      + " (enter + stay), after the loop ends at "
                      + Quantities.format(loop)
                      + " — enter earlier, stay less, or lengthen the loop");
        }
      }
    }
    return loop;
  }

  /** One walker, or null when it has problems (recorded). */
  private static Walker walker(ConfigTree w, int index) {
    int before = w.problemCount();
    w.allowKeys(WALKER_KEYS);
    Path photo =
        w.require("photo", "a photo with one face in it (device-sims portraits cuts some)")
            ? w.path("photo", w.baseDir(), null)
            : null;
    if (photo != null && !Files.isReadable(photo)) {
      w.problem("photo", "cannot read " + photo);
    }
    Boolean watchlisted = w.bool("watchlisted", false);
    String label = w.text("label");
    if (label == null) {
      if (Boolean.TRUE.equals(watchlisted) && !w.has("label")) {
        w.problem("label", "missing — a watchlisted walker needs the person id an edge reports");
      }
      label = photo != null ? stem(photo) : "walker-" + index;
    }
    Duration enter = w.duration("enter", Duration.ZERO, Duration.ZERO, LONGEST);
    Duration stay =
        w.require("stay", "how long the walker stays in view, e.g. 10s")
            ? w.duration("stay", null, Duration.ofMillis(1), LONGEST)
            : null;
    Double from = w.decimal("from", DEFAULT_FROM, 0, 1);
    Double to = w.decimal("to", DEFAULT_TO, 0, 1);
    Double y = w.decimal("y", DEFAULT_Y, 0, 0.95);
    Double height = w.decimal("height", DEFAULT_HEIGHT, 0.05, 1);
    if (w.problemCount() > before) {
      return null;
    }
    return new Walker(photo, label, enter, stay, from, to, y, height, watchlisted);
  }

  private static String stem(Path photo) {
    String name = photo.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
