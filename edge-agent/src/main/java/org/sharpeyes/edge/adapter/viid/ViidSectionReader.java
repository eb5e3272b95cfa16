package org.sharpeyes.edge.adapter.viid;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.Quantities;
import org.sharpeyes.edge.http.ListenHost;
import org.sharpeyes.schema.id.GbDeviceId;
import org.sharpeyes.vision.embedding.OnnxFaceEmbedder;
import org.sharpeyes.vision.model.ModelCache;

/** Reads the {@code viid} section of a device; see {@code docs/config.md}. */
final class ViidSectionReader {

  static final List<String> KEYS =
      List.of(
          "host",
          "port",
          "devices",
          "keepaliveTimeout",
          "nonceLifetime",
          "timeZone",
          "maxBodyBytes",
          "maxObjectsPerRequest",
          "maxImagesPerObject",
          "maxImageBytes",
          "maxTimeSkew",
          "faces",
          "maxConnections",
          "idleTimeout");

  static final List<String> FACE_KEYS =
      List.of(
          "detectorModel",
          "minScore",
          "embedderModel",
          "embedderModelId",
          "thresholds",
          "confirmCaptures",
          "confirmWithin",
          "strictThreshold",
          "cooldown");

  static final List<String> RISK_LEVELS = List.of("red", "orange", "yellow");
  static final Map<String, Double> DEFAULT_THRESHOLDS =
      Map.of("red", 0.55, "orange", 0.60, "yellow", 0.65);

  static final String DEVICES_HINT =
      "list the capture devices: devices: [{ id: 43070200001320000201,"
          + " passwordEnv: SHARPEYES_VIID_PASSWORD_43070200001320000201 }]";

  private ViidSectionReader() {}

  /** The settings, or {@code null} when the section has problems (all reported). */
  static ViidAdapterConfig read(ConfigTree viid) {
    int before = viid.problemCount();
    viid.allowKeys(KEYS);
    String host = ListenHost.read(viid, ViidAdapterConfig.DEFAULT_HOST);
    Integer port = viid.port("port", null);
    List<ViidAdapterConfig.Device> devices = devices(viid);
    Duration keepalive =
        viid.duration(
            "keepaliveTimeout",
            ViidAdapterConfig.DEFAULT_KEEPALIVE_TIMEOUT,
            Duration.ofSeconds(1),
            Duration.ofHours(1));
    Duration nonce =
        viid.duration(
            "nonceLifetime",
            ViidAdapterConfig.DEFAULT_NONCE_LIFETIME,
            Duration.ofSeconds(5),
            Duration.ofHours(1));
    ZoneId zone = zone(viid);
    ViidAdapterConfig.Limits limits = limits(viid);
    ViidFaceSettings faces = faces(viid.section("faces"));
    Integer maxConnections =
        viid.integer("maxConnections", ViidAdapterConfig.DEFAULT_MAX_CONNECTIONS, 1, 1024);
    Duration idle =
        viid.duration(
            "idleTimeout",
            ViidAdapterConfig.DEFAULT_IDLE_TIMEOUT,
            Duration.ofSeconds(1),
            Duration.ofHours(1));
    if (viid.problemCount() > before || limits == null) {
      return null;
    }
    return new ViidAdapterConfig(
        host, port, devices, keepalive, nonce, zone, limits, faces, maxConnections, idle);
  }

  private static List<ViidAdapterConfig.Device> devices(ConfigTree viid) {
    List<ViidAdapterConfig.Device> out = new ArrayList<>();
    if (viid.isEmptyList("devices")) {
      viid.problem("devices", "empty — " + DEVICES_HINT);
      return out;
    }
    Set<String> seen = new HashSet<>();
    List<ConfigTree> items = viid.list("devices", DEVICES_HINT, "id");
    if (items.size() > ViidAdapterConfig.MAX_DEVICES) {
      viid.problem(
          "devices",
          items.size() + " devices — one listener serves at most " + ViidAdapterConfig.MAX_DEVICES);
    }
    for (ConfigTree item : items) {
      item.allowKeys(List.of("id", "passwordEnv"));
      String id = item.text("id", "the capture device's 20-digit GA/T 1400 id");
      String env = item.envName("passwordEnv");
      if (env == null && !item.has("passwordEnv")) {
        item.problem(
            "passwordEnv",
            "missing — name the environment variable holding this device's Digest password,"
                + " e.g. SHARPEYES_VIID_PASSWORD_"
                + (id == null ? "<id>" : id));
      }
      if (id != null && !GbDeviceId.isValid(id)) {
        item.problem("id", "'" + id + "' is not a 20-digit GB/T 28181 / GA/T 1400 device id");
      } else if (id != null && !seen.add(id)) {
        item.problem("id", id + " is listed twice — each capture device once");
      } else if (id != null && env != null) {
        out.add(new ViidAdapterConfig.Device(id, env));
      }
    }
    return out;
  }

  private static ZoneId zone(ConfigTree viid) {
    String text = viid.text("timeZone");
    if (text == null) {
      return ViidAdapterConfig.DEFAULT_ZONE;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      viid.problem("timeZone", "'" + text + "' is not a time zone — e.g. Asia/Shanghai");
      return ViidAdapterConfig.DEFAULT_ZONE;
    }
  }

  private static ViidAdapterConfig.Limits limits(ConfigTree viid) {
    ViidAdapterConfig.Limits d = ViidAdapterConfig.Limits.DEFAULTS;
    Long body =
        viid.size(
            "maxBodyBytes",
            (long) d.maxBodyBytes(),
            ViidAdapterConfig.Limits.MIN_BODY_BYTES,
            ViidAdapterConfig.Limits.MAX_BODY_BYTES);
    Integer objects = viid.integer("maxObjectsPerRequest", d.maxObjects(), 1, 10_000);
    Integer images = viid.integer("maxImagesPerObject", d.maxImagesPerObject(), 1, 32);
    Long image =
        viid.size(
            "maxImageBytes", (long) d.maxImageBytes(), 1, ViidAdapterConfig.Limits.MAX_BODY_BYTES);
    Duration skew =
        viid.duration("maxTimeSkew", d.maxTimeSkew(), Duration.ofSeconds(1), Duration.ofDays(30));
    if (body != null && image != null && image > body) {
      viid.problem(
          "maxImageBytes",
          Quantities.formatSize(image)
              + " is larger than maxBodyBytes ("
              + Quantities.formatSize(body)
              + ") — an image must fit in the request body; raise maxBodyBytes or lower this");
      return null;
    }
    if (body == null || objects == null || images == null || image == null || skew == null) {
      return null;
    }
    return new ViidAdapterConfig.Limits(body.intValue(), objects, images, image.intValue(), skew);
  }

  private static ViidFaceSettings faces(ConfigTree f) {
    if (f == null) {
      return null;
    }
    f.allowKeys(FACE_KEYS);
    Path detector = ModelCache.DEFAULT_DIR.resolve(ModelCache.BLAZE_FACE);
    Path embedder = ModelCache.DEFAULT_DIR.resolve(ModelCache.EMBEDDING);
    Path d = f.path("detectorModel", null, detector);
    Path e = f.path("embedderModel", null, embedder);
    Double minScore = f.decimal("minScore", 0.5, 0.05, 0.99);
    String modelId = f.text("embedderModelId");
    if (modelId != null && !modelId.matches("[A-Za-z0-9._-]{1,64}")) {
      f.problem("embedderModelId", "'" + modelId + "' — use 1..64 letters, digits, . _ -");
    }
    Map<String, Double> thresholds = new LinkedHashMap<>(DEFAULT_THRESHOLDS);
    ConfigTree t = f.section("thresholds");
    if (t != null) {
      t.allowKeys(RISK_LEVELS);
      for (String level : RISK_LEVELS) {
        Double v = t.decimal(level, thresholds.get(level), 0, 1);
        if (v != null) {
          thresholds.put(level, v);
        }
      }
    }
    Integer captures =
        f.integer("confirmCaptures", ViidFaceSettings.DEFAULT_CONFIRM_CAPTURES, 1, 20);
    Duration within =
        f.duration(
            "confirmWithin",
            ViidFaceSettings.DEFAULT_CONFIRM_WITHIN,
            Duration.ofMillis(100),
            Duration.ofMinutes(10));
    Double strict = f.decimal("strictThreshold", ViidFaceSettings.DEFAULT_STRICT_THRESHOLD, 0, 1);
    Duration cooldown =
        f.duration(
            "cooldown", ViidFaceSettings.DEFAULT_COOLDOWN, Duration.ZERO, Duration.ofDays(1));
    if (minScore == null
        || captures == null
        || within == null
        || strict == null
        || cooldown == null) {
      return null;
    }
    return new ViidFaceSettings(
        d == null ? detector : d,
        minScore,
        e == null ? embedder : e,
        modelId == null ? OnnxFaceEmbedder.DEFAULT_MODEL_ID : modelId,
        thresholds,
        captures,
        within,
        strict,
        cooldown);
  }
}
