package org.sharpeyes.ingest.config;

/**
 * One thing wrong with a configuration: where, what, and how to fix it.
 *
 * @param path dotted path of the key, e.g. {@code broker.embedded.port}; {@code $} for the whole
 *     file
 * @param problem what is wrong, in the operator's words
 * @param fix what to change; empty when the problem says it all
 */
public record ConfigError(String path, String problem, String fix) {

  @Override
  public String toString() {
    return path + ": " + problem + (fix.isEmpty() ? "" : " — " + fix);
  }
}
