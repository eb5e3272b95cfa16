package org.sharpeyes.edge.adapter;

import org.sharpeyes.config.ConfigTree;

/**
 * What an adapter package gives the agent for one kind of device: the reader of that kind's section
 * of a device entry and the adapter itself. One instance per kind, registered once in the {@link
 * AdapterCatalog}; stateless, so every method may be called from any thread, any number of times —
 * the config loader reads with it without an agent.
 */
public interface AdapterFactory {

  /** The kind of device this factory serves. */
  DeviceKind kind();

  /**
   * What an operator is told to add when a device of this kind has no section, e.g. {@code a camera
   * needs camera: { source: rtsp://… }}.
   */
  String sectionHint();

  /**
   * Reads this kind's section of a device entry (e.g. {@code devices[0].camera}). Every problem is
   * reported in the tree with its path and the fix; nothing outside the tree is touched except
   * files the section names (reading, never writing).
   *
   * @param section the section, never {@code null}
   * @return the settings, whose {@link AdapterSettings#kind()} is {@link #kind()}; {@code null}
   *     when the section has problems (all reported)
   */
  AdapterSettings readSettings(ConfigTree section);

  /**
   * Creates (does not start) an adapter for one device. Called by the agent on its startup thread.
   *
   * @param device a device whose {@link DeviceConfig#kind()} is {@link #kind()}
   * @param context the agent's services and threads, lent to the adapter; see {@link
   *     AdapterContext}
   * @throws IllegalArgumentException if the device's settings are not this kind's
   */
  DeviceAdapter create(DeviceConfig device, AdapterContext context);
}
