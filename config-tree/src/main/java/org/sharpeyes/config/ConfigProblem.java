package org.sharpeyes.config;

import java.util.Objects;

/**
 * One thing wrong with a config file (or any other file we read: a scenario, a gate script, a
 * credential list), printed the same way everywhere as {@code path: message}.
 *
 * @param path where: {@code devices[0].plateHttp.port}, {@code steps[2].door}, {@code
 *     credentials.csv:4}; {@code $} for the file as a whole
 * @param message what is wrong and, after a dash, what to write instead: {@code 70000 is out of
 *     range — expected 0..65535}
 */
public record ConfigProblem(String path, String message) {

  /** The path of the file as a whole. */
  public static final String WHOLE_FILE = "$";

  public ConfigProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** A problem with the file as a whole (it cannot be read, it is not YAML...). */
  public static ConfigProblem wholeFile(String message) {
    return new ConfigProblem(WHOLE_FILE, message);
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
