package org.sharpeyes.sims.gate;

import java.time.Duration;
import java.time.Instant;

/** Plays a {@link GateScript} on a {@link DoorBank}, from a start instant. */
public final class ScriptedActivity implements DoorActivity {

  private final GateScript script;
  private final DoorBank bank;
  private final Instant start;
  private long pass;
  private int next;

  public ScriptedActivity(GateScript script, DoorBank bank, Instant start) {
    if (script.highestDoor() > bank.doorCount()) {
      throw new IllegalArgumentException(
          "the script names door "
              + script.highestDoor()
              + " but the controller has "
              + bank.doorCount()
              + " door(s): raise --doors");
    }
    this.script = script;
    this.bank = bank;
    this.start = start;
  }

  @Override
  public void advanceTo(Instant now) {
    while (!finished()) {
      GateScript.Step step = script.steps().get(next);
      Duration offset = script.loop().map(l -> l.multipliedBy(pass)).orElse(Duration.ZERO);
      Instant at = start.plus(offset).plus(step.at());
      if (at.isAfter(now)) {
        return;
      }
      play(step, at);
      next++;
      if (next == script.steps().size() && script.loop().isPresent()) {
        next = 0;
        pass++;
      }
    }
  }

  @Override
  public boolean finished() {
    return next >= script.steps().size();
  }

  private void play(GateScript.Step step, Instant at) {
    if (step.action() instanceof GateScript.Present p) {
      bank.present(step.door(), p.credential(), p.direction(), at);
    } else if (step.action() instanceof GateScript.Move m) {
      bank.setState(step.door(), m.state(), at);
    }
  }
}
