package org.sharpeyes.edge.adapter;

/** Creates the adapter for one kind of device. Stateless; called on the agent's startup thread. */
public interface AdapterFactory {

  /** The kind of device this factory serves. */
  DeviceKind kind();

  /**
   * Creates (does not start) an adapter for one device.
   *
   * @param device a device whose {@link DeviceConfig#kind()} is {@link #kind()}
   * @param context shared services, not owned by the adapter
   * @throws IllegalArgumentException if the device's settings are not this kind's
   */
  DeviceAdapter create(DeviceConfig device, AdapterContext context);
}
