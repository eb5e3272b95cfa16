package org.sharpeyes.edge.adapter.gate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig.Door;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig.Mode;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig.Policy;
import org.sharpeyes.mqtt.BrokerSectionReader;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.id.GbDeviceId;

/** Reads the {@code gate} section of a device (an OPC UA access controller); see config.md. */
final class GateSectionReader {

  static final List<String> KEYS =
      List.of(
          "endpoint",
          "securityPolicy",
          "securityMode",
          "usernameEnv",
          "passwordEnv",
          "pkiDir",
          "trustedServerCertificates",
          "trustOnFirstUse",
          "profile",
          "samplingInterval",
          "publishingInterval",
          "requestTimeout",
          "reconnect",
          "doors",
          "maxDoors",
          "eventIdMemory",
          "eventQueueSize");
  static final String EXAMPLE_URL = "opc.tcp://127.0.0.1:4840/sharpeyes/gate";
  static final long MAX_CERTIFICATE_BYTES = 64 * 1024;
  private static final List<String> RETIRED_POLICIES = List.of("Basic128Rsa15", "Basic256");

  private GateSectionReader() {}

  /** The settings, or {@code null} when the section has problems (all reported). */
  static GateAdapterConfig read(ConfigTree gate) {
    int before = gate.problemCount();
    gate.allowKeys(KEYS);
    URI endpoint = endpoint(gate);
    Policy policy = policy(gate);
    Mode mode = mode(gate, policy);
    String usernameEnv = gate.envName("usernameEnv");
    String passwordEnv = gate.envName("passwordEnv");
    if (gate.has("passwordEnv") && !gate.has("usernameEnv")) {
      gate.problem("passwordEnv", "set without usernameEnv — add usernameEnv as well");
    } else if (gate.has("usernameEnv") && !gate.has("passwordEnv")) {
      gate.problem("usernameEnv", "set without passwordEnv — add passwordEnv as well");
    }
    Path pkiDir = gate.path("pkiDir", null, GateAdapterConfig.DEFAULT_PKI_DIR);
    List<Path> trusted = certificates(gate);
    Boolean tofu = gate.bool("trustOnFirstUse", false);
    String profileName =
        gate.text(
            "profile",
            "a built-in profile (" + String.join(", ", GateProfileReader.BUILT_IN) + ") or a file");
    GateProfile profile =
        profileName == null ? null : GateProfileReader.resolve(gate, "profile", profileName);
    Duration sampling =
        gate.duration(
            "samplingInterval",
            GateAdapterConfig.DEFAULT_SAMPLING_INTERVAL,
            Duration.ofMillis(10),
            Duration.ofMinutes(1));
    Duration publishing =
        gate.duration(
            "publishingInterval",
            GateAdapterConfig.DEFAULT_PUBLISHING_INTERVAL,
            Duration.ofMillis(10),
            Duration.ofMinutes(1));
    Duration requestTimeout =
        gate.duration(
            "requestTimeout",
            GateAdapterConfig.DEFAULT_REQUEST_TIMEOUT,
            Duration.ofMillis(100),
            Duration.ofMinutes(1));
    Backoff.Bounds reconnect = BrokerSectionReader.reconnect(gate, Backoff.Bounds.DEFAULTS);
    Integer maxDoors =
        gate.integer(
            "maxDoors", GateAdapterConfig.DEFAULT_MAX_DOORS, 1, GateAdapterConfig.MAX_DOORS);
    List<Door> doors = doors(gate, profile, maxDoors);
    Integer eventIdMemory =
        gate.integer("eventIdMemory", GateAdapterConfig.DEFAULT_EVENT_ID_MEMORY, 100, 1_000_000);
    Integer eventQueueSize =
        gate.integer("eventQueueSize", GateAdapterConfig.DEFAULT_EVENT_QUEUE_SIZE, 1, 100_000);
    if (gate.problemCount() > before) {
      return null;
    }
    return new GateAdapterConfig(
        endpoint,
        policy,
        mode,
        usernameEnv,
        passwordEnv,
        pkiDir,
        trusted,
        tofu,
        profile,
        sampling,
        publishing,
        requestTimeout,
        reconnect,
        doors,
        maxDoors,
        eventIdMemory,
        eventQueueSize);
  }

  private static URI endpoint(ConfigTree gate) {
    String text = gate.text("endpoint", "the controller's address, e.g. endpoint: " + EXAMPLE_URL);
    if (text == null) {
      return null;
    }
    String expected = " — expected opc.tcp://host:port[/path], e.g. " + EXAMPLE_URL;
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      gate.problem("endpoint", "'" + text + "' is not a valid URL" + expected);
      return null;
    }
    if (!"opc.tcp".equals(uri.getScheme())) {
      gate.problem("endpoint", "'" + text + "' must start with opc.tcp://" + expected);
      return null;
    }
    if (uri.getRawUserInfo() != null) {
      gate.problem(
          "endpoint",
          "'opc.tcp://…@"
              + uri.getHost()
              + "' holds a user — credentials go in usernameEnv/passwordEnv"
              + expected);
      return null;
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65_535) {
      gate.problem("endpoint", "'" + text + "' needs a host and a port 1..65535" + expected);
      return null;
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      gate.problem("endpoint", "'" + text + "' has a query or fragment" + expected);
      return null;
    }
    return uri;
  }

  private static Policy policy(ConfigTree gate) {
    String name = gate.text("securityPolicy");
    if (name == null) {
      return gate.has("securityPolicy") ? null : Policy.NONE;
    }
    if (RETIRED_POLICIES.contains(name)) {
      gate.problem(
          "securityPolicy",
          "'" + name + "' is deprecated by OPC UA (SHA-1) and refused — use Basic256Sha256");
      return null;
    }
    Map<String, Policy> options = new LinkedHashMap<>();
    for (Policy p : Policy.values()) {
      options.put(p.configName(), p);
    }
    return gate.choice("securityPolicy", options, null);
  }

  private static Mode mode(ConfigTree gate, Policy policy) {
    Map<String, Mode> options = new LinkedHashMap<>();
    for (Mode m : Mode.values()) {
      options.put(m.configName(), m);
    }
    Mode mode = gate.has("securityMode") ? gate.choice("securityMode", options, null) : null;
    if (policy == null) {
      return mode;
    }
    if (mode == null && !gate.has("securityMode")) {
      return policy == Policy.NONE ? Mode.NONE : Mode.SIGN_AND_ENCRYPT;
    }
    if (mode == Mode.NONE && policy != Policy.NONE) {
      gate.problem(
          "securityMode",
          "None does not go with securityPolicy "
              + policy.configName()
              + " — write Sign or SignAndEncrypt, or securityPolicy: None");
      return null;
    }
    if (mode != null && mode != Mode.NONE && policy == Policy.NONE) {
      gate.problem(
          "securityMode",
          mode.configName()
              + " needs a security policy — write securityPolicy: Basic256Sha256, or"
              + " securityMode: None");
      return null;
    }
    return mode;
  }

  private static List<Path> certificates(ConfigTree gate) {
    List<String> files = gate.texts("trustedServerCertificates");
    List<Path> paths = new ArrayList<>();
    if (files == null) {
      return paths;
    }
    Path baseDir = gate.baseDir();
    for (int i = 0; i < files.size(); i++) {
      String key = "trustedServerCertificates[" + i + "]";
      try {
        Path file = baseDir.resolve(files.get(i)).normalize();
        if (Files.exists(file)
            && (!Files.isRegularFile(file) || Files.size(file) > MAX_CERTIFICATE_BYTES)) {
          gate.problem(key, files.get(i) + ": not a certificate file (at most 64KiB)");
          continue;
        }
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
          CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        paths.add(file);
      } catch (NoSuchFileException e) {
        gate.problem(
            key, files.get(i) + ": no such file (relative paths start at the config file)");
      } catch (CertificateException e) {
        gate.problem(key, files.get(i) + ": not an X.509 certificate (DER or PEM)");
      } catch (IOException | RuntimeException e) {
        gate.problem(key, files.get(i) + ": cannot read the file: " + e.getMessage());
      }
    }
    return paths;
  }

  private static List<Door> doors(ConfigTree gate, GateProfile profile, Integer maxDoors) {
    List<ConfigTree> nodes = gate.list("doors");
    boolean idsFromProfile = profile == null || profile.doorIdProperty() != null;
    if (!idsFromProfile && nodes.isEmpty()) {
      gate.problem(
          "doors",
          "missing — profile "
              + profile.name()
              + " reads no door id: list the doors, e.g. doors: [{ node: Door01, id:"
              + " \"43070200001340000001\" }]");
    }
    if (maxDoors != null && nodes.size() > maxDoors) {
      gate.problem("doors", nodes.size() + " doors listed, more than maxDoors (" + maxDoors + ")");
    }
    List<Door> doors = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (ConfigTree d : nodes) {
      d.allowKeys(List.of("node", "id"));
      String node = d.text("node", "the door's browse name under the controller, e.g. Door01");
      String id = doorId(d, idsFromProfile);
      String sameNode = node == null ? null : seen.putIfAbsent("node " + node, d.where());
      if (sameNode != null) {
        d.problem("node", "'" + node + "' is listed twice — also at " + sameNode);
      }
      String sameId = id == null ? null : seen.putIfAbsent("id " + id, d.where());
      if (sameId != null) {
        d.problem(
            "id", "'" + id + "' is used twice — also at " + sameId + "; each door has its own id");
      }
      if (node != null && (id != null || idsFromProfile)) {
        doors.add(new Door(node, id));
      }
    }
    return doors;
  }

  private static String doorId(ConfigTree d, boolean optional) {
    String id =
        d.text("id", optional ? null : "the profile reads no door id: give it, e.g. id: \"…\"");
    if (id == null) {
      return null;
    }
    if (!GbDeviceId.isValid(id)) {
      String hint =
          d.isNumber("id")
              ? " — write the id in quotes (\"…\"): YAML reads bare digits as a number"
              : " — expected exactly 20 digits, e.g. \"43070200001340000001\"";
      d.problem("id", "'" + id + "' is not a GB/T 28181 id" + hint);
      return null;
    }
    String type = new GbDeviceId(id).typeCode();
    if (!GbDeviceId.TYPE_ALARM_INPUT.equals(type)) {
      d.problem(
          "id",
          "'"
              + id
              + "' has type code "
              + type
              + " — a door is an alarm input device (GB/T 28181 Appendix D): digits 11–13 must be 134");
      return null;
    }
    return id;
  }
}
