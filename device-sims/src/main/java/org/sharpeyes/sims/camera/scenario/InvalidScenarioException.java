package org.sharpeyes.sims.camera.scenario;

import java.util.List;

/** A scenario file that cannot be played, with every problem found in it, each with its path. */
public final class InvalidScenarioException extends IllegalArgumentException {

  private final transient List<String> problems;

  public InvalidScenarioException(String source, List<String> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, each {@code path: what is wrong and what to write instead}. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    if (problems.size() == 1) {
      return source + ": " + problems.get(0);
    }
    return source + ": " + problems.size() + " problems:\n  " + String.join("\n  ", problems);
  }
}
