package org.sharpeyes.ingest.http;

import java.util.Objects;

/**
 * One thing wrong with a request, as listed in the {@code errors} of a 400 problem.
 *
 * @param path where: {@code query.<name>} for a query parameter, {@code path.<name>} for a path
 *     segment, {@code body} for the request body
 * @param message what is wrong and, where it helps, what would be right
 */
public record FieldError(String path, String message) {

  public FieldError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** A problem with query parameter {@code name}. */
  public static FieldError query(String name, String message) {
    return new FieldError("query." + name, message);
  }
}
