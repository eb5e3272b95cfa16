package org.sharpeyes.edge.config;

import java.util.Map;

/**
 * Values given on the command line that replace those in the file before it is validated, so a bad
 * override is reported like a bad line in the file.
 *
 * @param brokerUrl replaces {@code broker.url}, or {@code null}
 * @param statusPort replaces {@code status.port}, or {@code null}
 * @param devicePorts device id → port replacing that device's listen port
 * @param outboxPath replaces {@code outbox.path}, or {@code null}
 */
public record ConfigOverrides(
    String brokerUrl, Integer statusPort, Map<String, Integer> devicePorts, String outboxPath) {

  public static final ConfigOverrides NONE = new ConfigOverrides(null, null, Map.of(), null);

  public ConfigOverrides {
    devicePorts = devicePorts == null ? Map.of() : Map.copyOf(devicePorts);
  }

  /** Overrides that leave the outbox path as the file says. */
  public ConfigOverrides(String brokerUrl, Integer statusPort, Map<String, Integer> devicePorts) {
    this(brokerUrl, statusPort, devicePorts, null);
  }
}
