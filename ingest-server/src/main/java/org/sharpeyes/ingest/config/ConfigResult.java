package org.sharpeyes.ingest.config;

import java.util.List;
import java.util.stream.Collectors;

/** Outcome of loading a configuration: a valid config, or every error found. */
public sealed interface ConfigResult {

  /** The configuration is valid. */
  record Valid(IngestServerConfig config) implements ConfigResult {}

  /** The configuration has at least one error; all of them are listed, in file order. */
  record Invalid(List<ConfigError> errors) implements ConfigResult {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid config needs at least one error");
      }
    }

    /** The errors, one per line. */
    public String report() {
      return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
    }
  }

  /**
   * The config, or an {@link IllegalArgumentException} listing every error (for tests and
   * programmatic callers that treat a bad config as a bug).
   */
  default IngestServerConfig orThrow() {
    if (this instanceof Valid valid) {
      return valid.config();
    }
    throw new IllegalArgumentException("invalid configuration:\n" + ((Invalid) this).report());
  }
}
