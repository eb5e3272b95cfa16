package org.sharpeyes.edge.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.edge.adapter.AdapterCatalog;
import org.sharpeyes.edge.adapter.AdapterFactory;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.GeoPoint;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * Reads one entry of the {@code devices} list: what every device has (id, name, kind, location)
 * here, and the section of its kind by the reader of that kind's adapter, found in the {@link
 * AdapterCatalog}.
 */
final class DeviceSectionReader {

  static final int MAX_NAME_LENGTH = 64;

  private DeviceSectionReader() {}

  static List<String> keys() {
    List<String> keys = new ArrayList<>(List.of("id", "name", "kind", "location"));
    for (DeviceKind kind : DeviceKind.values()) {
      keys.add(kind.settingsKey());
    }
    return keys;
  }

  /** The device, or {@code null} when the entry has problems (all reported). */
  static DeviceConfig read(ConfigTree device, AdapterCatalog adapters) {
    int before = device.problemCount();
    device.allowKeys(keys());
    String id = id(device);
    String name = device.text("name");
    if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
      device.problem("name", "expected 1.." + MAX_NAME_LENGTH + " characters");
    }
    GeoPoint location = location(device.section("location"));
    AdapterFactory factory = factory(device, adapters);
    AdapterSettings settings =
        factory == null ? checkSectionsAnyway(device, adapters) : settings(device, factory);
    if (device.problemCount() > before) {
      return null;
    }
    return new DeviceConfig(id, name, location, settings);
  }

  private static String id(ConfigTree device) {
    String id = device.text("id", "the 20-digit GB/T 28181 id, e.g. id: \"43070200001320000101\"");
    if (id == null) {
      return null;
    }
    if (!GbDeviceId.isValid(id)) {
      String hint =
          device.isNumber("id")
              ? " — write the id in quotes (\"…\"): YAML reads bare digits as a number"
              : " — expected exactly 20 digits, e.g. \"43070200001320000101\"";
      device.problem("id", "'" + id + "' is not a GB/T 28181 id" + hint);
      return null;
    }
    return id;
  }

  /** The factory of the entry's kind; {@code null} with a problem when there is none. */
  private static AdapterFactory factory(ConfigTree device, AdapterCatalog adapters) {
    Map<String, DeviceKind> options = new LinkedHashMap<>();
    for (DeviceKind k : DeviceKind.values()) {
      options.put(k.label(), k);
    }
    DeviceKind kind = device.choice("kind", options, null);
    if (kind == null) {
      return null;
    }
    AdapterFactory factory = adapters.factory(kind).orElse(null);
    if (factory == null) {
      device.problem("kind", adapters.notSupported(kind));
    }
    return factory;
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
  private static AdapterSettings checkSectionsAnyway(ConfigTree device, AdapterCatalog adapters) {
    for (AdapterFactory factory : adapters.factories()) {
      ConfigTree section = device.section(factory.kind().settingsKey());
      if (section != null) {
        factory.readSettings(section);
      }
    }
    return null;
  }

  private static AdapterSettings settings(ConfigTree device, AdapterFactory factory) {
    DeviceKind kind = factory.kind();
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
    ConfigTree section = device.section(kind.settingsKey(), factory.sectionHint());
    return section == null ? null : factory.readSettings(section);
  }
}
