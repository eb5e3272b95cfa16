package org.sharpeyes.edge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.outbox.OutboxConfig;
import org.sharpeyes.edge.publish.BrokerConfig;
import org.sharpeyes.edge.status.StatusHttpConfig;
import org.sharpeyes.schema.topic.Topics;

/**
 * Reads {@code edge-agent.yaml} into an {@link EdgeAgentConfig}, reporting every problem with its
 * path and what to write instead. Unknown keys are problems. Loading has no side effects besides
 * reading the file and checking that a TLS CA file can be read (the outbox file is not touched).
 * Thread-safe (stateless).
 */
public final class EdgeAgentConfigLoader {

  /** Largest config file accepted. */
  public static final int MAX_FILE_BYTES = 1024 * 1024;

  static final List<String> TOP_KEYS = List.of("edgeId", "broker", "outbox", "status", "devices");

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private EdgeAgentConfigLoader() {}

  /** The YAML reader of config files, for the files they name (gate profiles). */
  static YAMLMapper yaml() {
    return YAML;
  }

  public static ConfigResult load(Path file) {
    return load(file, ConfigOverrides.NONE);
  }

  /**
   * Reads a file; relative paths inside it (such as {@code tls.caFile}, a gate's profile and
   * trusted certificates) are relative to it, except data: {@code outbox.path} and a gate's {@code
   * pkiDir} are relative to the working directory.
   */
  public static ConfigResult load(Path file, ConfigOverrides overrides) {
    String where = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        return failure(where, "the file is " + size + " bytes — a config file is at most 1MiB");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Path parent = file.toAbsolutePath().getParent();
      return parse(text, overrides, parent);
    } catch (NoSuchFileException e) {
      return failure(where, "file not found");
    } catch (IOException e) {
      return failure(where, "cannot read the file: " + e.getMessage());
    }
  }

  public static ConfigResult parse(String yaml) {
    return parse(yaml, ConfigOverrides.NONE);
  }

  /** Parses YAML text; relative paths inside it are relative to the working directory. */
  public static ConfigResult parse(String yaml, ConfigOverrides overrides) {
    return parse(yaml, overrides, Path.of("").toAbsolutePath());
  }

  private static ConfigResult parse(String yaml, ConfigOverrides overrides, Path baseDir) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      return failure("$", "not valid YAML" + at + ": " + firstLine(e.getOriginalMessage()));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return failure("$", "the file is empty — start from config/edge-agent.yaml");
    }
    if (!tree.isObject()) {
      return failure("$", "expected a mapping of keys (edgeId, broker, outbox, status, devices)");
    }
    List<ConfigProblem> problems = new ArrayList<>();
    applyOverrides((ObjectNode) tree, overrides, problems);
    EdgeAgentConfig config = read(ConfigNode.root(tree, problems), baseDir);
    return problems.isEmpty()
        ? new ConfigResult.Success(config)
        : new ConfigResult.Failure(problems);
  }

  private static EdgeAgentConfig read(ConfigNode root, Path baseDir) {
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
    ConfigNode brokerNode =
        root.section("broker", "add broker: with at least url: tcp://127.0.0.1:1883");
    BrokerConfig broker =
        brokerNode == null ? null : BrokerSectionReader.read(brokerNode, edgeId, baseDir);
    OutboxConfig outbox = OutboxSectionReader.read(root.section("outbox", null));
    if (broker != null && outbox != null && outbox.maxEvents() < broker.maxInFlight()) {
      root.problem(
          "outbox.maxEvents",
          outbox.maxEvents()
              + " is smaller than broker.maxInFlight ("
              + broker.maxInFlight()
              + ") — the outbox holds the events in flight too; raise it or lower"
              + " broker.maxInFlight");
    }
    StatusHttpConfig status = status(root.section("status", null));
    List<ConfigNode> deviceNodes =
        root.sequence("devices", "list the devices this edge serves under devices:");
    if (root.isEmptyList("devices")) {
      root.problem("devices", "the list is empty — add at least one device");
    }
    List<DeviceConfig> devices = new ArrayList<>();
    List<String> devicePaths = new ArrayList<>();
    for (ConfigNode node : deviceNodes) {
      DeviceConfig device = DeviceSectionReader.read(node, baseDir);
      if (device != null) {
        devices.add(device);
        devicePaths.add(node.path());
      }
    }
    checkUniqueIds(root, devices, devicePaths);
    checkPortClashes(root, status, devices, devicePaths);
    if (root.problemCount() > 0) {
      return null;
    }
    return new EdgeAgentConfig(edgeId, broker, outbox, status, devices);
  }

  private static StatusHttpConfig status(ConfigNode status) {
    if (status == null) {
      return StatusHttpConfig.DEFAULTS;
    }
    int before = status.problemCount();
    status.allowKeys(List.of("host", "port"));
    String host = DeviceSectionReader.host(status, StatusHttpConfig.DEFAULT_HOST);
    Integer port = status.integer("port", 0, 65_535, StatusHttpConfig.DEFAULT_PORT);
    return status.problemCount() > before ? null : new StatusHttpConfig(host, port);
  }

  private static void checkUniqueIds(
      ConfigNode root, List<DeviceConfig> devices, List<String> paths) {
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

  private static void checkPortClashes(
      ConfigNode root, StatusHttpConfig status, List<DeviceConfig> devices, List<String> paths) {
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

  private static void applyOverrides(
      ObjectNode root, ConfigOverrides overrides, List<ConfigProblem> problems) {
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
                problems.add(
                    new ConfigProblem(
                        "--device-port " + id,
                        "no device with that id listens on a port in this file"));
              }
            });
  }

  private static ConfigResult failure(String path, String message) {
    return new ConfigResult.Failure(List.of(new ConfigProblem(path, message)));
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
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
