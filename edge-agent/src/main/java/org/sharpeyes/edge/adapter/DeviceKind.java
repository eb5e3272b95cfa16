package org.sharpeyes.edge.adapter;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What kind of device an adapter speaks to. The {@linkplain #settingsKey() settings key} names the
 * section of a device's YAML entry that holds that adapter's settings. A kind is supported when the
 * {@link AdapterCatalog} has a factory for it; the others are reserved names, refused as "not
 * supported yet".
 */
public enum DeviceKind {
  PLATE_READER("plate-reader", "plateHttp"),
  CAMERA("camera", "camera"),
  GATE("gate", "gate"),
  VIID("viid", "viid");

  private final String label;
  private final String settingsKey;

  DeviceKind(String label, String settingsKey) {
    this.label = label;
    this.settingsKey = settingsKey;
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

  public static Optional<DeviceKind> fromLabel(String label) {
    return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(DeviceKind::label).toList();
  }

  @Override
  public String toString() {
    return label;
  }
}
