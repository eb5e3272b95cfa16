package org.sharpeyes.edge.config;

import java.util.List;

/** Outcome of loading a config: the config, or every problem found. */
public sealed interface ConfigResult {

  /** The file was valid. */
  record Success(EdgeAgentConfig config) implements ConfigResult {}

  /** The file was not valid; {@code problems} lists all of them, section by section. */
  record Failure(List<ConfigProblem> problems) implements ConfigResult {
    public Failure {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a failure needs at least one problem");
      }
    }
  }

  /** The config, or an {@link IllegalArgumentException} listing every problem. */
  default EdgeAgentConfig orThrow() {
    if (this instanceof Success success) {
      return success.config();
    }
    List<ConfigProblem> problems = ((Failure) this).problems();
    throw new IllegalArgumentException(
        "invalid config:\n  "
            + String.join("\n  ", problems.stream().map(ConfigProblem::toString).toList()));
  }
}
