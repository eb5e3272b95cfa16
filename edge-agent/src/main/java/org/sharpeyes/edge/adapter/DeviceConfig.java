package org.sharpeyes.edge.adapter;

import java.util.Objects;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * One device instance: who it is, where it is, and how its adapter reaches it. What a kind of
 * device emits is fixed by its adapter; this record only says where one device is.
 *
 * @param id 20-digit GB/T 28181 id, unique per edge
 * @param name human name, or {@code null}
 * @param location where the device is, or {@code null} when not given
 * @param settings the adapter settings; their {@link AdapterSettings#kind()} is the device kind
 */
public record DeviceConfig(String id, String name, GeoPoint location, AdapterSettings settings) {

  public DeviceConfig {
    Objects.requireNonNull(settings, "settings");
    if (!GbDeviceId.isValid(id)) {
      throw new IllegalArgumentException(
          "device id '" + id + "' is not a GB/T 28181 id: expected exactly 20 digits");
    }
  }

  public DeviceKind kind() {
    return settings.kind();
  }

  /** A copy with other adapter settings. */
  public DeviceConfig withSettings(AdapterSettings newSettings) {
    return new DeviceConfig(id, name, location, newSettings);
  }

  /** What logs and errors call this device: its id, and its name when it has one. */
  public String label() {
    return name == null ? id : id + " (" + name + ")";
  }
}
