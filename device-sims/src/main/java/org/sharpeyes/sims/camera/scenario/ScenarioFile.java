package org.sharpeyes.sims.camera.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.sims.camera.FrameSize;
import org.sharpeyes.sims.camera.Walker;
import org.sharpeyes.sims.yaml.InvalidFileException;
import org.sharpeyes.sims.yaml.YamlNode;

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
 * once with its path ({@code walkers[1].stay: must be > 0, was 0s}).
 */
public final class ScenarioFile {

  static final List<String> TOP_KEYS = List.of("fps", "size", "loop", "seed", "walkers");
  static final List<String> WALKER_KEYS =
      List.of("photo", "label", "watchlisted", "enter", "stay", "from", "to", "y", "height");

  static final double DEFAULT_FROM = 0.0;
  static final double DEFAULT_TO = 0.7;
  static final double DEFAULT_Y = 0.15;
  static final double DEFAULT_HEIGHT = 0.55;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ScenarioFile() {}

  /**
   * The scenario in {@code file}; photo paths are relative to the file's folder.
   *
   * @throws InvalidFileException with every problem found, when the file cannot be played
   */
  public static Scenario read(Path file) {
    String source = file.toString();
    if (!Files.isReadable(file)) {
      throw new InvalidFileException(source, List.of("cannot read the file"));
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidFileException(source, List.of(where + ": " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidFileException(source, List.of("cannot read the file: " + e));
    }
    Path folder = file.toAbsolutePath().getParent();
    return parse(root, folder, source);
  }

  /** The scenario in a parsed tree; photo paths are relative to {@code folder}. */
  static Scenario parse(JsonNode root, Path folder, String source) {
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new InvalidFileException(
          source,
          List.of("(top level): must be a mapping with the keys " + String.join(", ", TOP_KEYS)));
    }
    YamlNode top = YamlNode.root(root, problems);
    top.rejectUnknownKeys(TOP_KEYS);
    double fps = top.number("fps", Scenario.DEFAULT_FPS, 1, 30);
    FrameSize size = FrameSize.DEFAULT;
    String sizeText = top.text("size");
    if (sizeText != null) {
      try {
        size = FrameSize.parse(sizeText);
      } catch (IllegalArgumentException e) {
        top.problem("size", e.getMessage());
      }
    }
    long seed = top.whole("seed", Scenario.DEFAULT_SEED);
    List<YamlNode> walkerNodes = top.list("walkers");
    List<Walker> walkers = new ArrayList<>();
    for (int i = 0; i < walkerNodes.size(); i++) {
      Walker w = walker(walkerNodes.get(i), folder, i);
      if (w != null) {
        walkers.add(w);
      }
    }
    Duration loop = loop(top, walkerNodes, walkers);
    if (!problems.isEmpty()) {
      throw new InvalidFileException(source, problems);
    }
    return new Scenario(fps, size, loop, seed, walkers);
  }

  /** The loop as written, else when the last walker leaves; checks that everyone has left. */
  private static Duration loop(YamlNode top, List<YamlNode> nodes, List<Walker> walkers) {
    Duration lastLeave = walkers.stream().map(Walker::leave).max(Duration::compareTo).orElse(null);
    Duration loop = top.duration("loop", null);
    if (loop == null) {
      return lastLeave != null ? lastLeave : Scenario.DEFAULT_EMPTY_LOOP;
    }
    if (loop.isNegative() || loop.isZero()) {
      top.problem("loop", "must be > 0, was " + seconds(loop));
      return Scenario.DEFAULT_EMPTY_LOOP;
    }
    if (walkers.size() == nodes.size()) {
      for (int i = 0; i < walkers.size(); i++) {
        Duration leave = walkers.get(i).leave();
        if (leave.compareTo(loop) > 0) {
          nodes
              .get(i)
              .problem(
                  "leaves at "
                      + seconds(leave)
                      + " (enter + stay), after the loop ends at "
                      + seconds(loop)
                      + ": enter earlier, stay less, or lengthen the loop");
        }
      }
    }
    return loop;
  }

  /** One walker, or null when it has problems (recorded). */
  private static Walker walker(YamlNode w, Path folder, int index) {
    int before = w.problemCount();
    w.rejectUnknownKeys(WALKER_KEYS);
    Path photo = null;
    String photoText = w.text("photo");
    if (photoText == null) {
      w.problem("photo", "missing: a photo with one face in it (device-sims portraits cuts some)");
    } else {
      photo = folder.resolve(photoText).normalize();
      if (!Files.isReadable(photo)) {
        w.problem("photo", "cannot read " + photo);
      }
    }
    boolean watchlisted = w.flag("watchlisted", false);
    String label = w.text("label");
    if (label == null || label.isBlank()) {
      if (watchlisted) {
        w.problem("label", "missing: a watchlisted walker needs the person id an edge reports");
      }
      label = photo != null ? stem(photo) : "walker-" + index;
    }
    Duration enter = w.duration("enter", Duration.ZERO);
    if (enter.isNegative()) {
      w.problem("enter", "must be >= 0, was " + seconds(enter));
    }
    Duration stay = w.duration("stay", null);
    if (stay == null && !w.has("stay")) {
      w.problem("stay", "missing: how long the walker stays in view, e.g. 10s");
    } else if (stay != null && (stay.isNegative() || stay.isZero())) {
      w.problem("stay", "must be > 0, was " + seconds(stay));
    }
    double from = w.number("from", DEFAULT_FROM, 0, 1);
    double to = w.number("to", DEFAULT_TO, 0, 1);
    double y = w.number("y", DEFAULT_Y, 0, 0.95);
    double height = w.number("height", DEFAULT_HEIGHT, 0.05, 1);
    if (w.problemCount() > before || stay == null) {
      return null;
    }
    return new Walker(photo, label, enter, stay, from, to, y, height, watchlisted);
  }

  private static String stem(Path photo) {
    String name = photo.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** A duration as seconds, the way a scenario writes it: {@code 12s}, {@code 1.5s}. */
  static String seconds(Duration d) {
    return YamlNode.plain(d.toNanos() / 1e9) + "s";
  }
}
