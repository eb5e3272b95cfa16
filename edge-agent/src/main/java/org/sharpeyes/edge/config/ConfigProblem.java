package org.sharpeyes.edge.config;

/**
 * One thing wrong with a config file.
 *
 * @param path where, e.g. {@code devices[0].plateHttp.port}; {@code $} for the whole file
 * @param message what is wrong and what to write instead
 */
public record ConfigProblem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
