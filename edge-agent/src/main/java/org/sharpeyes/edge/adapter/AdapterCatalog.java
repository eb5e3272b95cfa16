package org.sharpeyes.edge.adapter;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adapters an agent has: one {@link AdapterFactory} per device kind. The config loader finds
 * the reader of a device's section here and the agent the factory of its adapter; a kind without a
 * factory is refused in the same words in both places. Immutable and thread-safe.
 */
public final class AdapterCatalog {

  private final Map<DeviceKind, AdapterFactory> factories;

  private AdapterCatalog(Map<DeviceKind, AdapterFactory> factories) {
    this.factories = factories;
  }

  /**
   * @throws IllegalArgumentException when two factories serve the same kind
   */
  public static AdapterCatalog of(AdapterFactory... factories) {
    Map<DeviceKind, AdapterFactory> byKind = new EnumMap<>(DeviceKind.class);
    for (AdapterFactory f : factories) {
      if (byKind.put(f.kind(), f) != null) {
        throw new IllegalArgumentException("two factories for kind " + f.kind());
      }
    }
    return new AdapterCatalog(byKind);
  }

  /** The factory of a kind; empty when this agent has no adapter for it. */
  public Optional<AdapterFactory> factory(DeviceKind kind) {
    return Optional.ofNullable(factories.get(kind));
  }

  /** Every factory, in the order of {@link DeviceKind}. */
  public List<AdapterFactory> factories() {
    return List.copyOf(factories.values());
  }

  /**
   * Why a device of this kind cannot be configured, e.g. {@code 'viid' is not supported yet — this
   * version supports: plate-reader, camera, gate}.
   */
  public String notSupported(DeviceKind kind) {
    return "'"
        + kind.label()
        + "' is not supported yet — this version supports: "
        + String.join(", ", factories.keySet().stream().map(DeviceKind::label).toList());
  }

  /**
   * Creates the adapter for a device.
   *
   * @throws IllegalArgumentException when this agent has no adapter for the device's kind
   */
  public DeviceAdapter create(DeviceConfig device, AdapterContext context) {
    AdapterFactory factory = factories.get(device.kind());
    if (factory == null) {
      throw new IllegalArgumentException(
          "device "
              + device.label()
              + ": no adapter for kind "
              + device.kind()
              + " in this version");
    }
    return factory.create(device, context);
  }
}
