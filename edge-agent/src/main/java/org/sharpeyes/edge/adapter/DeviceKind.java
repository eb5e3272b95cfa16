package org.sharpeyes.edge.adapter;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What kind of device an adapter speaks to. The {@linkplain #settingsKey() settings key} names the
 * section of a device's YAML entry that holds that adapter's settings.
 */
public enum DeviceKind {
  PLATE_READER("plate-reader", "plateHttp", true),
  CAMERA("camera", "camera", true),
  GATE("gate", "gate", true),
  VIID("viid", "viid", false);

  private final String label;
  private final String settingsKey;
  private final boolean supported;

  DeviceKind(String label, String settingsKey, boolean supported) {
    this.label = label;
    this.settingsKey = settingsKey;
    this.supported = supported;
  }

  /** The name used in the YAML file and in JSON, e.g. {@code plate-reader}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** The key of this kind's adapter section in a device entry, e.g. {@code plateHttp}. */
  public String settingsKey() {
    return settingsKey;
  }

  /** False for kinds that are reserved but have no adapter in this version. */
  public boolean supported() {
    return supported;
  }

  public static Optional<DeviceKind> fromLabel(String label) {
    return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(DeviceKind::label).toList();
  }

  public static List<String> supportedLabels() {
    return Arrays.stream(values()).filter(DeviceKind::supported).map(DeviceKind::label).toList();
  }

  @Override
  public String toString() {
    return label;
  }
}
