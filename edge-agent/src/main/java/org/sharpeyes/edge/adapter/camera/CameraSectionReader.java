package org.sharpeyes.edge.adapter.camera;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.mqtt.BrokerSectionReader;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.vision.embedding.OnnxFaceEmbedder;
import org.sharpeyes.vision.model.ModelCache;

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

  private CameraSectionReader() {}

  /** The settings, or {@code null} when the section has problems (all reported). */
  static CameraAdapterConfig read(ConfigTree camera) {
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
    Boolean loop = camera.bool("loop", false);
    Double fps = camera.decimal("analysisFps", CameraAdapterConfig.DEFAULT_ANALYSIS_FPS, 0.1, 60);
    Integer width =
        camera.integer("analysisWidth", CameraAdapterConfig.DEFAULT_ANALYSIS_WIDTH, 0, 7680);
    Duration watchdog =
        camera.duration(
            "watchdog",
            CameraAdapterConfig.DEFAULT_WATCHDOG,
            Duration.ofSeconds(1),
            Duration.ofMinutes(10));
    Backoff.Bounds reconnect = BrokerSectionReader.reconnect(camera, Backoff.Bounds.DEFAULTS);
    CameraAdapterConfig.Motion motion = motion(camera.section("motion"));
    CameraAdapterConfig.Faces faces = faces(camera.section("faces"));
    if (camera.problemCount() > before) {
      return null;
    }
    return new CameraAdapterConfig(source, loop, fps, width, watchdog, reconnect, motion, faces);
  }

  private static CameraAdapterConfig.Motion motion(ConfigTree m) {
    CameraAdapterConfig.Motion d = CameraAdapterConfig.Motion.DEFAULTS;
    if (m == null) {
      return d;
    }
    m.allowKeys(MOTION_KEYS);
    Boolean enabled = m.bool("enabled", true);
    Integer width = m.integer("width", d.width(), 32, 1920);
    Integer threshold = m.integer("threshold", d.threshold(), 1, 255);
    Double minArea = m.decimal("minArea", d.minArea(), 0, 1);
    if (width == null || threshold == null || minArea == null) {
      return d;
    }
    if (Boolean.FALSE.equals(enabled)) {
      return null;
    }
    return new CameraAdapterConfig.Motion(width, threshold, minArea);
  }

  private static CameraAdapterConfig.Faces faces(ConfigTree f) {
    Path detector = ModelCache.DEFAULT_DIR.resolve(ModelCache.BLAZE_FACE);
    Path embedder = ModelCache.DEFAULT_DIR.resolve(ModelCache.EMBEDDING);
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
    detector = orElse(f.path("detectorModel", null, detector), detector);
    embedder = orElse(f.path("embedderModel", null, embedder), embedder);
    Double minScore = f.decimal("minScore", 0.5, 0.05, 0.99);
    String modelId = f.text("embedderModelId");
    if (modelId != null && !modelId.matches("[A-Za-z0-9._-]{1,64}")) {
      f.problem("embedderModelId", "'" + modelId + "' — use 1..64 letters, digits, . _ -");
    }
    Map<String, Double> thresholds = thresholds(f.section("thresholds"));
    int frames = 3;
    int of = 5;
    Duration within = Duration.ofSeconds(2);
    ConfigTree confirm = f.section("confirm");
    if (confirm != null) {
      confirm.allowKeys(List.of("frames", "of", "within"));
      Integer k = confirm.integer("frames", frames, 1, 50);
      Integer n = confirm.integer("of", of, 1, 100);
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
    Integer captured = f.integer("capturedPerMinute", 6, 0, 600);
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

  private static Map<String, Double> thresholds(ConfigTree t) {
    Map<String, Double> out = new LinkedHashMap<>(DEFAULT_THRESHOLDS);
    if (t == null) {
      return out;
    }
    t.allowKeys(RISK_LEVELS);
    for (String level : RISK_LEVELS) {
      Double v = t.decimal(level, out.get(level), 0, 1);
      if (v != null) {
        out.put(level, v);
      }
    }
    return out;
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
