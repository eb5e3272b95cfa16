package org.sharpeyes.edge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.ConfigYaml;
import org.sharpeyes.edge.adapter.AdapterCatalog;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.builtin.BuiltInAdapters;
import org.sharpeyes.edge.health.HealthConfig;
import org.sharpeyes.edge.http.ListenHost;
import org.sharpeyes.edge.outbox.OutboxConfig;
import org.sharpeyes.edge.status.StatusHttpConfig;
import org.sharpeyes.mqtt.BrokerSectionReader;
import org.sharpeyes.mqtt.BrokerSettings;
import org.sharpeyes.schema.topic.Topics;

/**
 * Reads {@code edge-agent.yaml} into an {@link EdgeAgentConfig}, reporting every problem with its
 * path and what to write instead. Unknown keys are problems. Loading has no side effects besides
 * reading the file and checking that a TLS CA file can be read (the outbox file is not touched).
 * Thread-safe (stateless).
 */
public final class EdgeAgentConfigLoader {

  /** Largest config file accepted, and how deep it may nest. */
  public static final ConfigYaml.Limits LIMITS = ConfigYaml.Limits.DEFAULTS;

  static final List<String> TOP_KEYS =
      List.of("edgeId", "broker", "outbox", "status", "devices", "health");

  /** Where each device's kind-specific section is read. */
  private static final AdapterCatalog ADAPTERS = BuiltInAdapters.CATALOG;

  private EdgeAgentConfigLoader() {}

  public static ConfigResult<EdgeAgentConfig> load(Path file) {
    return load(file, ConfigOverrides.NONE);
  }

  /**
   * Reads a file; relative paths inside it (such as {@code tls.caFile}, a gate's profile and
   * trusted certificates) are relative to it, except data: {@code outbox.path} and a gate's {@code
   * pkiDir} are relative to the working directory.
   */
  public static ConfigResult<EdgeAgentConfig> load(Path file, ConfigOverrides overrides) {
    return ConfigYaml.read(file, LIMITS).then(root -> read(root, overrides));
  }

  public static ConfigResult<EdgeAgentConfig> parse(String yaml) {
    return parse(yaml, ConfigOverrides.NONE);
  }

  /** Parses YAML text; relative paths inside it are relative to the working directory. */
  public static ConfigResult<EdgeAgentConfig> parse(String yaml, ConfigOverrides overrides) {
    return ConfigYaml.parse(yaml, Path.of("").toAbsolutePath(), LIMITS)
        .then(root -> read(root, overrides));
  }

  private static ConfigResult<EdgeAgentConfig> read(ConfigTree root, ConfigOverrides overrides) {
    if (root.isEmpty()) {
      return ConfigResult.failure(
          ConfigProblem.wholeFile("the file is empty — start from config/edge-agent.yaml"));
    }
    root.edit(tree -> applyOverrides(root, tree, overrides));
    root.allowKeys(TOP_KEYS);
    String edgeId = root.text("edgeId", "the id of this box, e.g. edgeId: edge-wuling-01");
    if (edgeId != null && !Topics.EDGE_ID.matcher(edgeId).matches()) {
      root.problem(
          "edgeId",
          "'"
              + edgeId
              + "' is not usable — 1..64 letters, digits, '.', '_' or '-' (it becomes an MQTT"
              + " topic level)");
      edgeId = null;
    }
    ConfigTree brokerNode =
        root.section("broker", "add broker: with at least url: tcp://127.0.0.1:1883");
    BrokerSettings broker =
        brokerNode == null ? null : BrokerSectionReader.read(brokerNode, edgeId, null, Set.of());
    ConfigTree outboxNode = root.section("outbox");
    OutboxConfig outbox =
        outboxNode == null
            ? (root.has("outbox") ? null : OutboxConfig.DEFAULTS)
            : OutboxSectionReader.read(outboxNode);
    if (broker != null && outbox != null && outbox.maxEvents() < broker.maxInFlight()) {
      root.problem(
          "outbox.maxEvents",
          outbox.maxEvents()
              + " is smaller than broker.maxInFlight ("
              + broker.maxInFlight()
              + ") — the outbox holds the events in flight too; raise it or lower"
              + " broker.maxInFlight");
    }
    StatusHttpConfig status = status(root);
    ConfigTree healthNode = root.section("health");
    HealthConfig health =
        healthNode == null
            ? (root.has("health") ? null : HealthConfig.DEFAULTS)
            : HealthSectionReader.read(healthNode);
    List<ConfigTree> deviceNodes =
        root.list("devices", "list the devices this edge serves under devices:", null);
    if (root.isEmptyList("devices")) {
      root.problem("devices", "the list is empty — add at least one device");
    }
    List<DeviceConfig> devices = new ArrayList<>();
    List<String> devicePaths = new ArrayList<>();
    for (ConfigTree node : deviceNodes) {
      DeviceConfig device = DeviceSectionReader.read(node, ADAPTERS);
      if (device != null) {
        devices.add(device);
        devicePaths.add(node.where());
      }
    }
    checkUniqueIds(root, devices, devicePaths);
    checkSilencedReaders(root, health, devices);
    checkPortClashes(root, status, devices, devicePaths);
    String id = edgeId;
    return root.result(() -> new EdgeAgentConfig(id, broker, outbox, status, devices, health));
  }

  private static StatusHttpConfig status(ConfigTree root) {
    ConfigTree status = root.section("status");
    if (status == null) {
      return root.has("status") ? null : StatusHttpConfig.DEFAULTS;
    }
    int before = status.problemCount();
    status.allowKeys(List.of("host", "port"));
    String host = ListenHost.read(status, StatusHttpConfig.DEFAULT_HOST);
    Integer port = status.port("port", StatusHttpConfig.DEFAULT_PORT);
    return status.problemCount() > before ? null : new StatusHttpConfig(host, port);
  }

  private static void checkUniqueIds(
      ConfigTree root, List<DeviceConfig> devices, List<String> paths) {
    Map<String, String> firstPathById = new HashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      String id = devices.get(i).id();
      String prefix = paths.get(i);
      String earlier = firstPathById.putIfAbsent(id, prefix);
      if (earlier != null) {
        root.problem(
            prefix + ".id",
            "'" + id + "' is already used by " + earlier + " — device ids must be unique");
      }
    }
  }

  /** Every id in {@code health.plateReaderSilenceByDevice} must be a plate reader of this file. */
  private static void checkSilencedReaders(
      ConfigTree root, HealthConfig health, List<DeviceConfig> devices) {
    if (health == null) {
      return;
    }
    for (String id : health.plateReaderSilenceByDevice().keySet()) {
      boolean reader =
          devices.stream().anyMatch(d -> d.id().equals(id) && d.kind() == DeviceKind.PLATE_READER);
      if (!reader) {
        root.problem(
            "health.plateReaderSilenceByDevice." + id,
            "no plate reader with this id under devices: — check the id");
      }
    }
  }

  private static void checkPortClashes(
      ConfigTree root, StatusHttpConfig status, List<DeviceConfig> devices, List<String> paths) {
    List<Listener> listeners = new ArrayList<>();
    if (status != null && status.port() != 0) {
      listeners.add(new Listener("status.port", status.host(), status.port()));
    }
    for (int i = 0; i < devices.size(); i++) {
      DeviceConfig d = devices.get(i);
      int port = d.settings().listenPort().orElse(0);
      if (port != 0) {
        String path = paths.get(i) + "." + d.kind().settingsKey() + ".port";
        listeners.add(new Listener(path, d.settings().listenHost(), port));
      }
    }
    for (int i = 0; i < listeners.size(); i++) {
      for (int j = 0; j < i; j++) {
        Listener a = listeners.get(j);
        Listener b = listeners.get(i);
        if (a.port() == b.port() && a.overlaps(b)) {
          root.problem(
              b.path(),
              b.port() + " is already used by " + a.path() + " — give each listener its own port");
          break;
        }
      }
    }
  }

  /** Writes the command line's values into the tree, so that they are checked like the file's. */
  private static void applyOverrides(
      ConfigTree problems, ObjectNode root, ConfigOverrides overrides) {
    if (overrides.brokerUrl() != null) {
      JsonNode broker = root.get("broker");
      ObjectNode target = broker instanceof ObjectNode o ? o : root.putObject("broker");
      target.put("url", overrides.brokerUrl());
    }
    if (overrides.outboxPath() != null) {
      JsonNode outbox = root.get("outbox");
      ObjectNode target = outbox instanceof ObjectNode o ? o : root.putObject("outbox");
      target.put("path", overrides.outboxPath());
    }
    if (overrides.statusPort() != null) {
      JsonNode status = root.get("status");
      ObjectNode target = status instanceof ObjectNode o ? o : root.putObject("status");
      target.put("port", overrides.statusPort());
    }
    overrides
        .devicePorts()
        .forEach(
            (id, port) -> {
              boolean found = false;
              for (JsonNode device : root.path("devices")) {
                if (device instanceof ObjectNode d && id.equals(d.path("id").asText())) {
                  for (JsonNode section : d) {
                    if (section instanceof ObjectNode s && s.has("port")) {
                      s.put("port", port);
                      found = true;
                    }
                  }
                }
              }
              if (!found) {
                problems.problem(
                    "--device-port " + id, "no device with that id listens on a port in this file");
              }
            });
  }

  private record Listener(String path, String host, int port) {
    boolean overlaps(Listener other) {
      return host.equals(other.host) || isWildcard(host) || isWildcard(other.host);
    }

    private static boolean isWildcard(String host) {
      return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
  }
}
