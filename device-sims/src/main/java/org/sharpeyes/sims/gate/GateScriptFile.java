package org.sharpeyes.sims.gate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.ConfigYaml;
import org.sharpeyes.config.KeySuggestion;
import org.sharpeyes.config.Quantities;
import org.sharpeyes.sims.yaml.InvalidFileException;

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

  /** The longest time a script speaks of: a step's time, its loop. */
  static final Duration LONGEST = Duration.ofDays(1);

  private GateScriptFile() {}

  /**
   * The script in {@code file}, for a controller with {@code doors} doors.
   *
   * @throws InvalidFileException with every problem found, when the file cannot be played
   */
  public static GateScript read(Path file, int doors, CredentialList credentials) {
    return InvalidFileException.orThrow(file.toString(), load(file, doors, credentials));
  }

  /** The script in {@code file}, or every problem found in it. */
  public static ConfigResult<GateScript> load(Path file, int doors, CredentialList credentials) {
    return ConfigYaml.read(file, ConfigYaml.Limits.DEFAULTS)
        .then(top -> parse(top, doors, credentials));
  }

  static ConfigResult<GateScript> parse(ConfigTree top, int doors, CredentialList credentials) {
    top.allowKeys(TOP_KEYS);
    List<ConfigTree> stepNodes = top.list("steps");
    if (stepNodes.isEmpty() && top.problemCount() == 0) {
      top.problem("steps", "missing — a list of steps, e.g. - {at: 0s, door: 1, present: CARD-1}");
    }
    List<GateScript.Step> steps = new ArrayList<>();
    List<Duration> times = new ArrayList<>();
    for (ConfigTree s : stepNodes) {
      step(s, doors, credentials, times).ifPresent(steps::add);
    }
    Duration loop = top.duration("loop", Duration.ZERO, Duration.ofMillis(1), LONGEST);
    Duration last = times.stream().max(Duration::compareTo).orElse(null);
    if (loop != null && !loop.isZero() && last != null && last.compareTo(loop) >= 0) {
      top.problem(
          "loop",
          Quantities.format(loop)
              + " is not after the last step (at "
              + Quantities.format(last)
              + ") — lengthen the loop or move the step earlier");
    }
    Optional<Duration> looping = Optional.ofNullable(loop).filter(d -> !d.isZero());
    return top.result(() -> new GateScript(steps, looping));
  }

  /** One step, or empty when it has problems (recorded); its time goes to {@code times}. */
  private static Optional<GateScript.Step> step(
      ConfigTree s, int doors, CredentialList creds, List<Duration> times) {
    int before = s.problemCount();
    s.allowKeys(STEP_KEYS);
    Duration at =
        s.require("at", "when the step happens from the start, e.g. 1.5s")
            ? s.duration("at", null, Duration.ZERO, LONGEST)
            : null;
    if (at != null) {
      times.add(at);
    }
    Integer door =
        s.require("door", "the door number, 1 to " + doors)
            ? s.integer("door", null, 1, doors)
            : null;
    boolean presents = s.has("present");
    boolean moves = s.has("state");
    GateScript.Action action = null;
    if (presents == moves) {
      s.problem(
          "needs exactly one of 'present' (a credential id) or 'state' ("
              + DoorState.names()
              + ")");
    } else if (moves) {
      for (String key : List.of("type", "result", "direction")) {
        if (s.has(key)) {
          s.problem(key, "only goes with 'present', not with 'state'");
        }
      }
      action =
          word(s, "state", DoorState::parse, DoorState.names())
              .map(GateScript.Move::new)
              .orElse(null);
    } else {
      action = present(s, creds);
    }
    if (s.problemCount() > before || action == null) {
      return Optional.empty();
    }
    return Optional.of(new GateScript.Step(at, door, action));
  }

  private static GateScript.Action present(ConfigTree s, CredentialList creds) {
    String id = s.text("present");
    if (id == null) {
      return null;
    }
    if (id.length() > 64) {
      s.problem("present", "expected a credential id of 1 to 64 characters, e.g. CARD-000132");
      return null;
    }
    Credential known = creds.findOrUnknown(id.strip());
    CredentialType type =
        s.has("type")
            ? word(s, "type", CredentialType::parse, CredentialType.names()).orElse(null)
            : known.type();
    AccessDecision decision =
        s.has("result")
            ? word(s, "result", AccessDecision::parse, AccessDecision.names()).orElse(null)
            : known.decision();
    PassDirection direction =
        s.has("direction")
            ? word(s, "direction", PassDirection::parse, "in, out").orElse(null)
            : PassDirection.IN;
    if (type == null || decision == null || direction == null) {
      return null;
    }
    return new GateScript.Present(new Credential(known.id(), type, decision), direction);
  }

  /** A word the enum's own parser reads (in any case), with the one "not known" message. */
  private static <T> Optional<T> word(
      ConfigTree s, String key, Function<String, Optional<T>> parse, String names) {
    String text = s.text(key);
    if (text == null) {
      return Optional.empty();
    }
    Optional<T> value = parse.apply(text);
    if (value.isEmpty()) {
      List<String> words = Arrays.asList(names.split(", "));
      s.problem(key, "'" + text + "' is not known — " + KeySuggestion.hint(text, words));
    }
    return value;
  }
}
