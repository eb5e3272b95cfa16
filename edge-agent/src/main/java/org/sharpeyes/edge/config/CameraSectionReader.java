package org.sharpeyes.edge.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;
import org.sharpeyes.edge.publish.ReconnectConfig;
import org.sharpeyes.vision.embedding.OnnxFaceEmbedder;

/** Reads the {@code camera} section of a device; see {@code docs/config.md}. */
final class CameraSectionReader {

  static final List<String> KEYS =
      List.of(
          "source",
          "loop",
          "analysisFps",
          "analysisWidth",
          "watchdog",
          "reconnect",
          "motion",
          "faces");
  static final List<String> MOTION_KEYS = List.of("enabled", "width", "threshold", "minArea");
  static final List<String> FACES_KEYS =
      List.of(
          "detectorModel",
          "minScore",
          "embedderModel",
          "embedderModelId",
          "thresholds",
          "confirm",
          "cooldown",
          "capturedPerMinute");
  static final List<String> RISK_LEVELS = List.of("red", "orange", "yellow");
  static final Map<String, Double> DEFAULT_THRESHOLDS =
      Map.of("red", 0.55, "orange", 0.60, "yellow", 0.65);
  static final Path DEFAULT_MODELS =
      Path.of(System.getProperty("user.home"), ".cache", "sharpeyes", "models");
  private static final Map<String, Boolean> BOOLEANS = Map.of("true", true, "false", false);

  private CameraSectionReader() {}

  /** The settings, or {@code null} when the section has problems (all reported). */
  static CameraAdapterConfig read(ConfigNode camera) {
    if (camera == null) {
      return null;
    }
    int before = camera.problemCount();
    camera.allowKeys(KEYS);
    String source =
        camera.text("source", "where the video comes from: rtsp://…, http(s)://… or a file path");
    if (source != null
        && source.contains("://")
        && !source.matches("(?i)(rtsp|https?|file)://.+")) {
      camera.problem(
          "source",
          "'"
              + source.replaceAll("(://[^:/@]+:)[^@/]*@", "$1***@")
              + "' is not a camera source — expected rtsp://…, http(s)://… or a file path");
    }
    Boolean loop = camera.choice("loop", BOOLEANS, false);
    Double fps = camera.decimal("analysisFps", 0.1, 60, false);
    Integer width =
        camera.integer("analysisWidth", 0, 7680, CameraAdapterConfig.DEFAULT_ANALYSIS_WIDTH);
    Duration watchdog =
        camera.duration(
            "watchdog",
            CameraAdapterConfig.DEFAULT_WATCHDOG,
            Duration.ofSeconds(1),
            Duration.ofMinutes(10));
    ReconnectConfig reconnect = BrokerSectionReader.reconnect(camera);
    CameraAdapterConfig.Motion motion = motion(camera.section("motion", null));
    CameraAdapterConfig.Faces faces = faces(camera.section("faces", null));
    if (camera.problemCount() > before) {
      return null;
    }
    return new CameraAdapterConfig(
        source,
        loop != null && loop,
        fps == null ? CameraAdapterConfig.DEFAULT_ANALYSIS_FPS : fps,
        width,
        watchdog == null ? CameraAdapterConfig.DEFAULT_WATCHDOG : watchdog,
        reconnect,
        motion,
        faces);
  }

  private static CameraAdapterConfig.Motion motion(ConfigNode m) {
    CameraAdapterConfig.Motion d = CameraAdapterConfig.Motion.DEFAULTS;
    if (m == null) {
      return d;
    }
    m.allowKeys(MOTION_KEYS);
    Boolean enabled = m.choice("enabled", BOOLEANS, false);
    Integer width = m.integer("width", 32, 1920, d.width());
    Integer threshold = m.integer("threshold", 1, 255, d.threshold());
    Double minArea = m.decimal("minArea", 0, 1, false);
    if (width == null || threshold == null) {
      return d;
    }
    if (enabled != null && !enabled) {
      return null;
    }
    return new CameraAdapterConfig.Motion(
        width, threshold, minArea == null ? d.minArea() : minArea);
  }

  private static CameraAdapterConfig.Faces faces(ConfigNode f) {
    Path detector = DEFAULT_MODELS.resolve("blazeface-short-range.tflite");
    Path embedder = DEFAULT_MODELS.resolve("fr-feature-512.onnx");
    if (f == null) {
      return new CameraAdapterConfig.Faces(
          detector,
          0.5,
          embedder,
          OnnxFaceEmbedder.DEFAULT_MODEL_ID,
          DEFAULT_THRESHOLDS,
          3,
          5,
          Duration.ofSeconds(2),
          Duration.ofMinutes(1),
          6);
    }
    f.allowKeys(FACES_KEYS);
    detector = path(f, "detectorModel", detector);
    embedder = path(f, "embedderModel", embedder);
    Double minScore = f.decimal("minScore", 0.05, 0.99, false);
    String modelId = f.text("embedderModelId", null);
    if (modelId != null && !modelId.matches("[A-Za-z0-9._-]{1,64}")) {
      f.problem("embedderModelId", "'" + modelId + "' — use 1..64 letters, digits, . _ -");
    }
    Map<String, Double> thresholds = thresholds(f.section("thresholds", null));
    int frames = 3;
    int of = 5;
    Duration within = Duration.ofSeconds(2);
    ConfigNode confirm = f.section("confirm", null);
    if (confirm != null) {
      confirm.allowKeys(List.of("frames", "of", "within"));
      Integer k = confirm.integer("frames", 1, 50, frames);
      Integer n = confirm.integer("of", 1, 100, of);
      Duration w =
          confirm.duration("within", within, Duration.ofMillis(100), Duration.ofMinutes(1));
      if (k != null && n != null && k > n) {
        confirm.problem("frames", k + " is more than of (" + n + ") — k frames of the last n");
      }
      frames = k == null ? frames : k;
      of = n == null ? of : Math.max(n, frames);
      within = w == null ? within : w;
    }
    Duration cooldown =
        f.duration("cooldown", Duration.ofMinutes(1), Duration.ZERO, Duration.ofDays(1));
    Integer captured = f.integer("capturedPerMinute", 0, 600, 6);
    return new CameraAdapterConfig.Faces(
        detector,
        minScore == null ? 0.5 : minScore,
        embedder,
        modelId == null ? OnnxFaceEmbedder.DEFAULT_MODEL_ID : modelId,
        thresholds,
        frames,
        of,
        within,
        cooldown == null ? Duration.ofMinutes(1) : cooldown,
        captured == null ? 6 : captured);
  }

  private static Map<String, Double> thresholds(ConfigNode t) {
    Map<String, Double> out = new LinkedHashMap<>(DEFAULT_THRESHOLDS);
    if (t == null) {
      return out;
    }
    t.allowKeys(RISK_LEVELS);
    for (String level : RISK_LEVELS) {
      Double v = t.decimal(level, 0, 1, false);
      if (v != null) {
        out.put(level, v);
      }
    }
    return out;
  }

  private static Path path(ConfigNode node, String key, Path fallback) {
    String text = node.text(key, null);
    if (text == null) {
      return fallback;
    }
    if (text.isBlank() || text.indexOf('\0') >= 0) {
      node.problem(key, "expected a file path");
      return fallback;
    }
    String expanded =
        text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text;
    return Path.of(expanded);
  }
}
