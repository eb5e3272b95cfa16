package org.sharpeyes.sims.yaml;

import java.util.List;

/**
 * An input file (a camera scenario, a gate script, a credential list) that cannot be used, with
 * every problem found in it, each with its path ({@code steps[2].door: …}) or line ({@code
 * credentials.csv:4: …}).
 */
public final class InvalidFileException extends IllegalArgumentException {

  private final transient List<String> problems;

  public InvalidFileException(String source, List<String> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, each {@code where: what is wrong and what to write instead}. */
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
