package org.sharpeyes.sims.gate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sharpeyes.sims.yaml.InvalidFileException;
import org.sharpeyes.sims.yaml.YamlNode;

/**
 * Reads a gate script: YAML (and so JSON too), for example
 *
 * <pre>
 * loop: 60s                      # optional: start over every 60 s
 * steps:
 *   - {at: 0s, door: 1, present: CARD-000132, direction: in}
 *   - {at: 0.5s, door: 1, state: open}
 *   - {at: 4s, door: 1, state: closed}
 *   - {at: 6s, door: 2, present: CARD-000777, type: card, result: denied:unknown-credential}
 *   - {at: 9s, door: 2, state: forced}
 * </pre>
 *
 * A step presents a credential ({@code present}, with optional {@code type}, {@code result} and
 * {@code direction}; type and result default to the credential list's, or to an unknown card) or
 * moves a door ({@code state}). Unknown keys are refused, every bound is checked, and every problem
 * is reported at once with its path ({@code steps[2].door: …}).
 */
public final class GateScriptFile {

  static final List<String> TOP_KEYS = List.of("loop", "steps");
  static final List<String> STEP_KEYS =
      List.of("at", "door", "present", "type", "result", "direction", "state");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private GateScriptFile() {}

  /**
   * The script in {@code file}, for a controller with {@code doors} doors.
   *
   * @throws InvalidFileException with every problem found, when the file cannot be played
   */
  public static GateScript read(Path file, int doors, CredentialList credentials) {
    String source = file.toString();
    if (!Files.isReadable(file)) {
      throw new InvalidFileException(source, List.of("cannot read the file"));
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidFileException(source, List.of(where + ": " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidFileException(source, List.of("cannot read the file: " + e));
    }
    return parse(root, doors, credentials, source);
  }

  static GateScript parse(JsonNode root, int doors, CredentialList credentials, String source) {
    if (root == null || !root.isObject()) {
      throw new InvalidFileException(
          source, List.of("(top level): must be a mapping with the keys loop, steps"));
    }
    List<String> problems = new ArrayList<>();
    YamlNode top = YamlNode.root(root, problems);
    top.rejectUnknownKeys(TOP_KEYS);
    List<YamlNode> stepNodes = top.list("steps");
    if (stepNodes.isEmpty() && problems.isEmpty()) {
      top.problem("steps", "missing: a list of steps, e.g. - {at: 0s, door: 1, present: CARD-1}");
    }
    List<GateScript.Step> steps = new ArrayList<>();
    List<Duration> times = new ArrayList<>();
    for (YamlNode s : stepNodes) {
      step(s, doors, credentials, times).ifPresent(steps::add);
    }
    Optional<Duration> loop = Optional.ofNullable(top.duration("loop", null));
    if (loop.isPresent()) {
      Duration last = times.stream().max(Duration::compareTo).orElse(null);
      if (loop.get().isNegative() || loop.get().isZero()) {
        top.problem("loop", "must be > 0, was " + loop.get());
      } else if (last != null && last.compareTo(loop.get()) >= 0) {
        top.problem(
            "loop",
            "must be after the last step (at "
                + seconds(last)
                + "), was "
                + seconds(loop.get())
                + ": lengthen the loop or move the step earlier");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidFileException(source, problems);
    }
    return new GateScript(steps, loop);
  }

  /** One step, or empty when it has problems (recorded); its time goes to {@code times}. */
  private static Optional<GateScript.Step> step(
      YamlNode s, int doors, CredentialList creds, List<Duration> times) {
    int before = s.problemCount();
    s.rejectUnknownKeys(STEP_KEYS);
    Duration at = s.duration("at", null);
    if (at == null && !s.has("at")) {
      s.problem("at", "missing: when the step happens from the start, e.g. 1.5s");
    } else if (at != null && at.isNegative()) {
      s.problem("at", "must be >= 0, was " + seconds(at));
    } else if (at != null) {
      times.add(at);
    }
    int beforeDoor = s.problemCount();
    long door = s.whole("door", -1);
    if (!s.has("door")) {
      s.problem("door", "missing: the door number, 1 to " + doors);
    } else if (s.problemCount() == beforeDoor && (door < 1 || door > doors)) {
      s.problem("door", "must be a door from 1 to " + doors + ", was " + door);
    }
    boolean presents = s.has("present");
    boolean moves = s.has("state");
    GateScript.Action action = null;
    if (presents == moves) {
      s.problem("needs exactly one of 'present' (a credential id) or 'state' (" + names() + ")");
    } else if (moves) {
      for (String key : List.of("type", "result", "direction")) {
        if (s.has(key)) {
          s.problem(key, "only goes with 'present', not with 'state'");
        }
      }
      String text = s.text("state");
      Optional<DoorState> state = DoorState.parse(text);
      if (text != null && state.isEmpty()) {
        s.problem("state", "must be one of " + names() + ", was '" + text + "'");
      }
      action = state.map(GateScript.Move::new).orElse(null);
    } else {
      action = present(s, creds);
    }
    if (s.problemCount() > before || action == null) {
      return Optional.empty();
    }
    return Optional.of(new GateScript.Step(at, (int) door, action));
  }

  private static GateScript.Action present(YamlNode s, CredentialList creds) {
    String id = s.text("present");
    if (id == null || id.isBlank() || id.length() > 64) {
      s.problem("present", "must be a credential id of 1 to 64 characters, e.g. CARD-000132");
      return null;
    }
    Credential known = creds.findOrUnknown(id.strip());
    CredentialType type = known.type();
    String typeText = s.text("type");
    if (typeText != null) {
      type = CredentialType.parse(typeText).orElse(null);
      if (type == null) {
        s.problem("type", "must be one of " + CredentialType.names() + ", was '" + typeText + "'");
      }
    }
    AccessDecision decision = known.decision();
    String resultText = s.text("result");
    if (resultText != null) {
      decision = AccessDecision.parse(resultText).orElse(null);
      if (decision == null) {
        s.problem(
            "result", "must be one of " + AccessDecision.names() + ", was '" + resultText + "'");
      }
    }
    PassDirection direction = PassDirection.IN;
    String directionText = s.text("direction");
    if (directionText != null) {
      direction = PassDirection.parse(directionText).orElse(null);
      if (direction == null) {
        s.problem("direction", "must be in or out, was '" + directionText + "'");
      }
    }
    if (type == null || decision == null || direction == null) {
      return null;
    }
    return new GateScript.Present(new Credential(known.id(), type, decision), direction);
  }

  private static String names() {
    return DoorState.names();
  }

  private static String seconds(Duration d) {
    return YamlNode.plain(d.toNanos() / 1e9) + "s";
  }
}
