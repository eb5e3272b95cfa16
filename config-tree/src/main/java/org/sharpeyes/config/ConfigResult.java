package org.sharpeyes.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What reading a file gave: the value, or every problem found in it. A failure always has at least
 * one problem; every CLI prints one with {@link Failure#report(String)}.
 *
 * @param <T> what the file describes (a config record, a scenario, a tree still to be read)
 */
public sealed interface ConfigResult<T> {

  /** The file was valid. */
  record Success<T>(T value) implements ConfigResult<T> {
    public Success {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The file was not valid; {@code problems} lists all of them, in the order they were found. */
  record Failure<T>(List<ConfigProblem> problems) implements ConfigResult<T> {
    public Failure {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a failure needs at least one problem");
      }
    }

    /**
     * The problems as every {@code validate} prints them:
     *
     * <pre>
     * config/edge-agent.yaml: 2 problems:
     *   broker.urll: unknown key — did you mean 'url'?
     *   devices[0].plateHttp.port: 70000 is out of range — expected 0..65535
     * </pre>
     *
     * @param source the file (or whatever was read), as the user named it
     */
    public String report(String source) {
      int n = problems.size();
      StringBuilder s = new StringBuilder(source).append(": ").append(n);
      s.append(n == 1 ? " problem:" : " problems:");
      for (ConfigProblem p : problems) {
        s.append("\n  ").append(p);
      }
      return s.toString();
    }

    /** The same problems, as the failure of something else read from the same file. */
    @SuppressWarnings("unchecked")
    public <U> Failure<U> retype() {
      return (Failure<U>) this;
    }
  }

  /** A failure with one problem (a file that cannot be read at all, say). */
  static <T> ConfigResult<T> failure(ConfigProblem problem) {
    return new Failure<>(List.of(problem));
  }

  /** The next step of reading, applied only to a success; a failure stays as it is. */
  default <U> ConfigResult<U> then(Function<? super T, ConfigResult<U>> next) {
    if (this instanceof Success<T> success) {
      return Objects.requireNonNull(next.apply(success.value()), "next step's result");
    }
    return ((Failure<T>) this).retype();
  }

  /** The problems; empty for a success. */
  default List<ConfigProblem> problems() {
    return this instanceof Failure<T> failure ? failure.problems() : List.of();
  }

  /**
   * The value, or an {@link IllegalArgumentException} with every problem (for tests and callers
   * that build their config in code, where a bad one is a bug).
   */
  default T orThrow() {
    if (this instanceof Success<T> success) {
      return success.value();
    }
    throw new IllegalArgumentException(((Failure<T>) this).report("invalid config"));
  }
}
