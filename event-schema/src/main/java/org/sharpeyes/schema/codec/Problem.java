package org.sharpeyes.schema.codec;

/**
 * One thing wrong with an input, where it is and what is wrong.
 *
 * @param path JSON path into the message, e.g. {@code data.plateNumber}; {@code $} for the whole
 *     message
 * @param message what is wrong, in words an operator understands
 */
public record Problem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
