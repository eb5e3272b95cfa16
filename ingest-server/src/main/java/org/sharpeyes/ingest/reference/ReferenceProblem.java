package org.sharpeyes.ingest.reference;

import java.nio.file.Path;

/**
 * One thing wrong in a reference data file.
 *
 * @param file the file
 * @param line 1-based line number, or 0 when the problem concerns the whole file
 * @param message what is wrong and, where it helps, what is expected
 */
public record ReferenceProblem(Path file, int line, String message) {

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
