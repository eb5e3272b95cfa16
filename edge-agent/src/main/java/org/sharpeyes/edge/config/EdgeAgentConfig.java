package org.sharpeyes.edge.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.health.HealthConfig;
import org.sharpeyes.edge.outbox.OutboxConfig;
import org.sharpeyes.edge.status.StatusHttpConfig;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.schema.topic.Topics;

/**
 * Everything one edge agent needs, validated. Read it from YAML with {@link EdgeAgentConfigLoader},
 * or build it in code from the records (tests, embedding):
 *
 * <pre>{@code
 * EdgeAgentConfig config = EdgeAgentConfig.of("edge-test-01", "tcp://127.0.0.1:1883",
 *     DeviceConfig(...)).withEphemeralPorts().withOutboxPath(dir.resolve("outbox.db"));
 * }</pre>
 *
 * @param edgeId this box's id; a single MQTT topic level ({@link Topics#EDGE_ID})
 * @param broker the MQTT broker
 * @param outbox the durable outbox: its file and bounds
 * @param status where the status endpoints listen
 * @param devices the devices, ids unique
 * @param health the device health monitor ({@code device.status} events)
 */
public record EdgeAgentConfig(
    String edgeId,
    BrokerSettings broker,
    OutboxConfig outbox,
    StatusHttpConfig status,
    List<DeviceConfig> devices,
    HealthConfig health) {

  public EdgeAgentConfig {
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(status, "status");
    devices = List.copyOf(devices);
    if (edgeId == null || !Topics.EDGE_ID.matcher(edgeId).matches()) {
      throw new IllegalArgumentException(
          "edge id '" + edgeId + "' must match " + Topics.EDGE_ID.pattern());
    }
    long distinct = devices.stream().map(DeviceConfig::id).distinct().count();
    if (distinct != devices.size()) {
      throw new IllegalArgumentException("device ids must be unique");
    }
  }

  /** A config with the default {@code health} settings. */
  public EdgeAgentConfig(
      String edgeId,
      BrokerSettings broker,
      OutboxConfig outbox,
      StatusHttpConfig status,
      List<DeviceConfig> devices) {
    this(edgeId, broker, outbox, status, devices, HealthConfig.DEFAULTS);
  }

  /**
   * A config with default broker settings (client id = edge id), the default outbox ({@code
   * data/edge-outbox.db} in the working directory: give tests and second agents their own with
   * {@link #withOutboxPath}) and the default status port.
   */
  public static EdgeAgentConfig of(String edgeId, String brokerUrl, DeviceConfig... devices) {
    return new EdgeAgentConfig(
        edgeId,
        BrokerSettings.defaults(brokerUrl, edgeId),
        OutboxConfig.DEFAULTS,
        StatusHttpConfig.DEFAULTS,
        List.of(devices));
  }

  public EdgeAgentConfig withBrokerUrl(String url) {
    return new EdgeAgentConfig(edgeId, broker.withUrl(url), outbox, status, devices, health);
  }

  public EdgeAgentConfig withBroker(BrokerSettings newBroker) {
    return new EdgeAgentConfig(edgeId, newBroker, outbox, status, devices, health);
  }

  public EdgeAgentConfig withOutbox(OutboxConfig newOutbox) {
    return new EdgeAgentConfig(edgeId, broker, newOutbox, status, devices, health);
  }

  /** A copy whose outbox is another file (default bounds kept as they are). */
  public EdgeAgentConfig withOutboxPath(Path path) {
    return withOutbox(outbox.withPath(path));
  }

  public EdgeAgentConfig withStatusPort(int port) {
    return new EdgeAgentConfig(edgeId, broker, outbox, status.withPort(port), devices, health);
  }

  public EdgeAgentConfig withHealth(HealthConfig newHealth) {
    return new EdgeAgentConfig(edgeId, broker, outbox, status, devices, newHealth);
  }

  public EdgeAgentConfig withDevices(List<DeviceConfig> newDevices) {
    return new EdgeAgentConfig(edgeId, broker, outbox, status, newDevices, health);
  }

  /** A copy whose one device listens on another port. */
  public EdgeAgentConfig withDevicePort(String deviceId, int port) {
    if (device(deviceId).isEmpty()) {
      throw new IllegalArgumentException("no device " + deviceId);
    }
    return withDevices(
        devices.stream()
            .map(
                d ->
                    d.id().equals(deviceId) ? d.withSettings(d.settings().withListenPort(port)) : d)
            .toList());
  }

  /** A copy where the status endpoints and every listening device use a free port (tests). */
  public EdgeAgentConfig withEphemeralPorts() {
    return new EdgeAgentConfig(
        edgeId,
        broker,
        outbox,
        status.withPort(0),
        devices.stream().map(d -> d.withSettings(d.settings().withListenPort(0))).toList(),
        health);
  }

  public Optional<DeviceConfig> device(String deviceId) {
    return devices.stream().filter(d -> d.id().equals(deviceId)).findFirst();
  }
}
