package org.sharpeyes.edge.adapter.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.ConfigYaml;

/**
 * Reads a gate device profile: a built-in one by name ({@code sharpeyes-gate-sim}) or a YAML file;
 * see {@code docs/config.md}, "Device profiles". Every problem is reported at the gate section's
 * {@code profile} key, with the path inside the profile.
 */
final class GateProfileReader {

  static final List<String> BUILT_IN = List.of("sharpeyes-gate-sim");
  static final List<String> KEYS =
      List.of("namespaceUri", "controller", "doors", "event", "values");
  static final List<String> DOOR_KEYS = List.of("browseName", "idProperty", "variables");
  static final List<String> VARIABLE_KEYS = List.of("state", "access");
  static final List<String> ACCESS_KEYS =
      List.of("credentialId", "credentialType", "result", "denyReason", "direction");
  static final List<String> EVENT_KEYS = List.of("typeId", "fields");
  static final List<String> FIELD_KEYS =
      List.of(
          "kind",
          "door",
          "credentialId",
          "credentialType",
          "result",
          "denyReason",
          "direction",
          "state");
  static final List<String> VALUE_KEYS =
      List.of("kind", "state", "credentialType", "result", "direction");
  static final Pattern TYPE_ID = Pattern.compile("i=[0-9]{1,10}|s=.{1,256}");
  static final ConfigYaml.Limits LIMITS = ConfigYaml.Limits.DEFAULTS.withMaxBytes(64 * 1024);
  private static final String RESOURCES = "/org/sharpeyes/edge/adapter/gate/profiles/";

  private GateProfileReader() {}

  /**
   * The profile a gate section names; {@code null} with the problems reported at {@code key}.
   *
   * @param value a built-in name, or a path (with a '/' or ending in .yaml/.yml) relative to the
   *     config file
   */
  static GateProfile resolve(ConfigTree gate, String key, String value) {
    boolean isPath = value.contains("/") || value.endsWith(".yaml") || value.endsWith(".yml");
    ConfigResult<GateProfile> profile;
    if (!isPath) {
      if (!BUILT_IN.contains(value)) {
        gate.problem(
            key,
            "'"
                + value
                + "' is not a built-in profile — built in: "
                + String.join(", ", BUILT_IN)
                + "; or give the path of a profile file, e.g. profiles/acme-ac2000.yaml");
        return null;
      }
      profile = parse(value, builtInText(value), gate.baseDir());
    } else {
      Path file = gate.path(key, gate.baseDir(), null);
      if (file == null) {
        return null;
      }
      if (!Files.exists(file)) {
        gate.problem(key, value + ": no such file (relative paths start at the config file)");
        return null;
      }
      profile = ConfigYaml.read(file, LIMITS).then(tree -> read(value, tree));
    }
    for (ConfigProblem p : profile.problems()) {
      gate.problem(key, value + ": " + p);
    }
    return profile instanceof ConfigResult.Success<GateProfile> s ? s.value() : null;
  }

  /** A built-in profile, known to be valid (the tests read every one). */
  static String builtInText(String name) {
    try (InputStream in = GateProfileReader.class.getResourceAsStream(RESOURCES + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("built-in gate profile " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in gate profile " + name, e);
    }
  }

  /** A profile in YAML text; relative paths in it (none today) would start at {@code baseDir}. */
  static ConfigResult<GateProfile> parse(String name, String yaml, Path baseDir) {
    return ConfigYaml.parse(yaml, baseDir, LIMITS).then(tree -> read(name, tree));
  }

  private static ConfigResult<GateProfile> read(String name, ConfigTree root) {
    if (root.isEmpty()) {
      root.problem("expected a mapping with namespaceUri, controller, …");
    }
    root.allowKeys(KEYS);
    String namespaceUri =
        root.text("namespaceUri", "the namespace of the controller's nodes, e.g. urn:acme:ac");
    if (namespaceUri != null && (namespaceUri.isBlank() || namespaceUri.contains(" "))) {
      root.problem("namespaceUri", "'" + namespaceUri + "' is not a namespace URI");
    }
    List<String> controllerPath = controllerPath(root);
    ConfigTree doors = root.section("doors", "how to find the doors: doors: { variables: … }");
    Pattern doorName = null;
    String idProperty = null;
    GateProfile.Variables variables = null;
    if (doors != null) {
      doors.allowKeys(DOOR_KEYS);
      doorName = regex(doors, "browseName");
      idProperty = browseName(doors, "idProperty", null);
      variables = variables(doors.section("variables", "the door's state variable: { state: … }"));
    }
    GateProfile.Event event = event(root.section("event"));
    GateProfile.Values values = values(root.section("values"));
    Pattern doorNames = doorName;
    String idName = idProperty;
    GateProfile.Variables doorVariables = variables;
    return root.result(
        () ->
            new GateProfile(
                name,
                namespaceUri,
                controllerPath,
                doorNames,
                idName,
                doorVariables,
                event,
                values));
  }

  private static List<String> controllerPath(ConfigTree root) {
    ConfigTree controller =
        root.section("controller", "where the doors are: controller: { browsePath: [Doors] }");
    if (controller == null) {
      return List.of();
    }
    controller.allowKeys(List.of("browsePath"));
    List<String> path =
        controller.require(
                "browsePath", "browse names from the Objects folder, e.g. browsePath: [Doors]")
            ? controller.texts("browsePath")
            : null;
    if (path != null && (path.isEmpty() || path.stream().anyMatch(GateProfileReader::badName))) {
      controller.problem("browsePath", "expected 1 or more browse names, none of them blank");
      return List.of();
    }
    return path == null ? List.of() : path;
  }

  private static GateProfile.Variables variables(ConfigTree v) {
    if (v == null) {
      return null;
    }
    v.allowKeys(VARIABLE_KEYS);
    String state = browseName(v, "state", "the browse name of the door's state variable");
    ConfigTree a = v.section("access");
    GateProfile.AccessVariables access = null;
    if (a != null) {
      a.allowKeys(ACCESS_KEYS);
      String hint = "the browse name of the door's variable";
      access =
          new GateProfile.AccessVariables(
              nonNull(browseName(a, "credentialId", hint)),
              nonNull(browseName(a, "credentialType", hint)),
              nonNull(browseName(a, "result", hint)),
              browseName(a, "denyReason", null),
              browseName(a, "direction", null));
    }
    return state == null ? null : new GateProfile.Variables(state, access);
  }

  private static GateProfile.Event event(ConfigTree e) {
    if (e == null) {
      return null;
    }
    e.allowKeys(EVENT_KEYS);
    String typeId = e.text("typeId", "the event type's node id, e.g. s=AccessEventType or i=1001");
    if (typeId != null && !TYPE_ID.matcher(typeId).matches()) {
      e.problem("typeId", "'" + typeId + "' — write s=<string id> or i=<number>");
    }
    ConfigTree f = e.section("fields", "the browse names of the event's fields");
    if (f == null) {
      return null;
    }
    f.allowKeys(FIELD_KEYS);
    String hint = "the browse name of the event field";
    var fields =
        new GateProfile.EventFields(
            nonNull(browseName(f, "kind", hint + " saying credential or state")),
            browseName(f, "door", null),
            nonNull(browseName(f, "credentialId", hint)),
            nonNull(browseName(f, "credentialType", hint)),
            nonNull(browseName(f, "result", hint)),
            browseName(f, "denyReason", null),
            browseName(f, "direction", null),
            nonNull(browseName(f, "state", hint + " holding the door's state")));
    return typeId == null ? null : new GateProfile.Event(typeId, fields);
  }

  private static GateProfile.Values values(ConfigTree v) {
    GateProfile.Values ours = GateProfile.Values.IDENTITY;
    if (v == null) {
      return ours;
    }
    v.allowKeys(VALUE_KEYS);
    return new GateProfile.Values(
        map(v, "kind", ours.kind()),
        map(v, "state", ours.state()),
        map(v, "credentialType", ours.credentialType()),
        map(v, "result", ours.result()),
        map(v, "direction", ours.direction()));
  }

  /** The controller's words mapped to ours; our own words when the profile gives no map. */
  private static <E> Map<String, E> map(ConfigTree values, String key, Map<String, E> ours) {
    Map<String, String> given = values.entries(key);
    if (given == null) {
      return ours;
    }
    Map<String, E> mapped = new LinkedHashMap<>();
    given.forEach(
        (theirs, word) -> {
          E value = ours.get(word);
          if (value == null) {
            values.problem(
                key + "." + theirs,
                "'" + word + "' is not one of ours — expected " + String.join(", ", ours.keySet()));
          } else {
            mapped.put(theirs, value);
          }
        });
    if (given.isEmpty()) {
      values.problem(key, "the map is empty — leave it out to use " + ours.keySet());
    }
    return mapped;
  }

  private static Pattern regex(ConfigTree node, String key) {
    String text = node.text(key);
    if (text == null) {
      return null;
    }
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      node.problem(key, "'" + text + "' is not a regular expression: " + e.getDescription());
      return null;
    }
  }

  private static String browseName(ConfigTree node, String key, String requiredHint) {
    String name = node.text(key, requiredHint);
    if (name != null && badName(name)) {
      node.problem(key, "'" + name + "' is not a browse name — 1..256 characters, not blank");
      return null;
    }
    return name;
  }

  private static boolean badName(String name) {
    return name.isBlank() || name.length() > 256;
  }

  /** Keeps the record's null checks quiet while problems are being collected. */
  private static String nonNull(String s) {
    return s == null ? "?" : s;
  }
}
