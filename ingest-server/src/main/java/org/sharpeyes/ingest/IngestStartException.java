package org.sharpeyes.ingest;

/** The server could not start; the message names the part and the cause. */
public final class IngestStartException extends RuntimeException {

  public IngestStartException(String part, Throwable cause) {
    super("cannot start the " + part + ": " + describe(cause), cause);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.toString() : m;
  }
}
