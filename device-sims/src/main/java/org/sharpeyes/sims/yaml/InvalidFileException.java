package org.sharpeyes.sims.yaml;

import java.util.List;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;

/**
 * An input file (a camera scenario, a gate script, a credential list) that cannot be used, with
 * every problem found in it, each with its path ({@code steps[2].door: …}) or line ({@code
 * credentials.csv:4: …}). The message is the report every {@code validate} prints.
 */
public final class InvalidFileException extends IllegalArgumentException {

  private final transient List<ConfigProblem> problems;

  public InvalidFileException(String source, List<ConfigProblem> problems) {
    super(new ConfigResult.Failure<>(problems).report(source));
    this.problems = List.copyOf(problems);
  }

  /** The problems, each {@code where: what is wrong — what to write instead}. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** The value read, or this exception with the problems of the failure. */
  public static <T> T orThrow(String source, ConfigResult<T> result) {
    if (result instanceof ConfigResult.Failure<T> failure) {
      throw new InvalidFileException(source, failure.problems());
    }
    return ((ConfigResult.Success<T>) result).value();
  }
}
