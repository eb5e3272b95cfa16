package org.sharpeyes.edge.adapter;

import java.util.EnumMap;
import java.util.Map;

/** The adapter factories this agent has, by device kind. Immutable. */
public final class AdapterCatalog {

  private final Map<DeviceKind, AdapterFactory> factories;

  private AdapterCatalog(Map<DeviceKind, AdapterFactory> factories) {
    this.factories = factories;
  }

  public static AdapterCatalog of(AdapterFactory... factories) {
    Map<DeviceKind, AdapterFactory> byKind = new EnumMap<>(DeviceKind.class);
    for (AdapterFactory f : factories) {
      if (byKind.put(f.kind(), f) != null) {
        throw new IllegalArgumentException("two factories for kind " + f.kind());
      }
    }
    return new AdapterCatalog(byKind);
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
