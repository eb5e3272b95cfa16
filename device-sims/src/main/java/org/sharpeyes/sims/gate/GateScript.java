package org.sharpeyes.sims.gate;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A timeline of what happens at the doors, read by {@link GateScriptFile}: at an offset from the
 * start, at a door, a credential presented or the door moved. With a loop, the timeline starts over
 * every {@code loop}.
 */
public record GateScript(List<Step> steps, Optional<Duration> loop) {

  /** What one step does. */
  public sealed interface Action permits Present, Move {}

  /** A credential presented; the door does not move. */
  public record Present(Credential credential, PassDirection direction) implements Action {}

  /** The door moved to a state. */
  public record Move(DoorState state) implements Action {}

  /** At {@code at} from the start (of each loop), at door {@code door}, {@code action}. */
  public record Step(Duration at, int door, Action action) {
    public Step {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(action, "action");
    }
  }

  public GateScript {
    steps = steps.stream().sorted(Comparator.comparing(Step::at)).toList();
    Objects.requireNonNull(loop, "loop");
  }

  /** The highest door number a step names, 0 without steps. */
  public int highestDoor() {
    return steps.stream().mapToInt(Step::door).max().orElse(0);
  }
}
