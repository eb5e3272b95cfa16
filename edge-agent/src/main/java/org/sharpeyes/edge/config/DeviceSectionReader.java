package org.sharpeyes.edge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.Quantities;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.GeoPoint;
import org.sharpeyes.edge.adapter.plate.PlateReaderAdapterConfig;
import org.sharpeyes.schema.id.GbDeviceId;

/** Reads one entry of the {@code devices} list, with the section of its adapter. */
final class DeviceSectionReader {

  static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]%]{1,253}");
  static final int MAX_NAME_LENGTH = 64;

  static final List<String> PLATE_HTTP_KEYS =
      List.of(
          "host",
          "port",
          "path",
          "maxBodyBytes",
          "maxSnapshotBytes",
          "maxConnections",
          "idleTimeout");

  private DeviceSectionReader() {}

  static List<String> keys() {
    List<String> keys = new ArrayList<>(List.of("id", "name", "kind", "location"));
    for (DeviceKind kind : DeviceKind.values()) {
      keys.add(kind.settingsKey());
    }
    return keys;
  }

  /** The device, or {@code null} when the entry has problems (all reported). */
  static DeviceConfig read(ConfigTree device) {
    int before = device.problemCount();
    device.allowKeys(keys());
    String id = id(device);
    String name = device.text("name");
    if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
      device.problem("name", "expected 1.." + MAX_NAME_LENGTH + " characters");
    }
    GeoPoint location = location(device.section("location"));
    DeviceKind kind = kind(device);
    AdapterSettings settings = kind == null ? checkSectionsAnyway(device) : settings(device, kind);
    if (device.problemCount() > before) {
      return null;
    }
    return new DeviceConfig(id, name, location, settings);
  }

  private static String id(ConfigTree device) {
    String id = device.text("id", "the 20-digit GB/T 28181 id, e.g. id: \"43070200001140000001\"");
    if (id == null) {
      return null;
    }
    if (!GbDeviceId.isValid(id)) {
      String hint =
          device.isNumber("id")
              ? " — write the id in quotes (\"…\"): YAML reads bare digits as a number"
              : " — expected exactly 20 digits, e.g. \"43070200001140000001\"";
      device.problem("id", "'" + id + "' is not a GB/T 28181 id" + hint);
      return null;
    }
    return id;
  }

  private static DeviceKind kind(ConfigTree device) {
    Map<String, DeviceKind> options = new LinkedHashMap<>();
    for (DeviceKind k : DeviceKind.values()) {
      options.put(k.label(), k);
    }
    DeviceKind kind = device.choice("kind", options, null);
    if (kind != null && !kind.supported()) {
      device.problem(
          "kind",
          "'"
              + kind.label()
              + "' is not supported yet — this version supports: "
              + String.join(", ", DeviceKind.supportedLabels()));
      return null;
    }
    return kind;
  }

  private static GeoPoint location(ConfigTree location) {
    if (location == null) {
      return null;
    }
    location.allowKeys(List.of("lat", "lon"));
    Double lat = location.decimal("lat", null, -90, 90);
    Double lon = location.decimal("lon", null, -180, 180);
    return lat == null || lon == null ? null : new GeoPoint(lat, lon);
  }

  /** With the kind unknown, still reports the problems inside whatever adapter sections exist. */
  private static AdapterSettings checkSectionsAnyway(ConfigTree device) {
    if (device.has(DeviceKind.PLATE_READER.settingsKey())) {
      plateHttp(device.section(DeviceKind.PLATE_READER.settingsKey()));
    }
    if (device.has(DeviceKind.CAMERA.settingsKey())) {
      CameraSectionReader.read(device.section(DeviceKind.CAMERA.settingsKey()));
    }
    if (device.has(DeviceKind.GATE.settingsKey())) {
      GateSectionReader.read(device.section(DeviceKind.GATE.settingsKey()));
    }
    return null;
  }

  private static AdapterSettings settings(ConfigTree device, DeviceKind kind) {
    for (DeviceKind other : DeviceKind.values()) {
      if (other != kind && device.has(other.settingsKey())) {
        device.problem(
            other.settingsKey(),
            "only for kind "
                + other.label()
                + " — this device is a "
                + kind.label()
                + "; remove it");
      }
    }
    return switch (kind) {
      case PLATE_READER ->
          plateHttp(device.section("plateHttp", "a plate reader needs plateHttp: { port: 8081 }"));
      case CAMERA ->
          CameraSectionReader.read(
              device.section("camera", "a camera needs camera: { source: rtsp://… }"));
      case GATE ->
          GateSectionReader.read(
              device.section(
                  "gate",
                  "a gate needs gate: { endpoint: "
                      + GateSectionReader.EXAMPLE_URL
                      + ", profile: sharpeyes-gate-sim }"));
      default -> null;
    };
  }

  private static PlateReaderAdapterConfig plateHttp(ConfigTree http) {
    if (http == null) {
      return null;
    }
    int before = http.problemCount();
    http.allowKeys(PLATE_HTTP_KEYS);
    String host = host(http, PlateReaderAdapterConfig.DEFAULT_HOST);
    Integer port = http.port("port", null);
    String path = http.text("path");
    if (path == null) {
      path = PlateReaderAdapterConfig.DEFAULT_PATH;
    } else if (!path.matches("/[A-Za-z0-9._~/-]*")) {
      http.problem("path", "'" + path + "' is not a plain URL path — e.g. /plates");
    }
    Long maxBody =
        http.size(
            "maxBodyBytes",
            (long) PlateReaderAdapterConfig.DEFAULT_MAX_BODY_BYTES,
            PlateReaderAdapterConfig.MIN_BODY_BYTES,
            PlateReaderAdapterConfig.MAX_BODY_BYTES);
    Long maxSnapshot =
        http.size(
            "maxSnapshotBytes",
            (long) PlateReaderAdapterConfig.DEFAULT_MAX_SNAPSHOT_BYTES,
            1,
            PlateReaderAdapterConfig.MAX_BODY_BYTES);
    if (maxBody != null && maxSnapshot != null && maxSnapshot > maxBody) {
      http.problem(
          "maxSnapshotBytes",
          Quantities.formatSize(maxSnapshot)
              + " is larger than maxBodyBytes ("
              + Quantities.formatSize(maxBody)
              + ") — a snapshot must fit in the request body; raise maxBodyBytes or lower this");
    }
    Integer maxConnections =
        http.integer(
            "maxConnections",
            PlateReaderAdapterConfig.DEFAULT_MAX_CONNECTIONS,
            1,
            PlateReaderAdapterConfig.MAX_CONNECTIONS);
    Duration idle =
        http.duration(
            "idleTimeout",
            PlateReaderAdapterConfig.DEFAULT_IDLE_TIMEOUT,
            Duration.ofSeconds(1),
            Duration.ofHours(1));
    if (http.problemCount() > before) {
      return null;
    }
    return new PlateReaderAdapterConfig(
        host, port, path, maxBody.intValue(), maxSnapshot.intValue(), maxConnections, idle);
  }

  static String host(ConfigTree node, String fallback) {
    String host = node.text("host");
    if (host == null) {
      return node.has("host") ? null : fallback;
    }
    if (!HOST.matcher(host).matches()) {
      node.problem("host", "'" + host + "' is not an IP address or host name — e.g. 0.0.0.0");
      return fallback;
    }
    return host;
  }
}
