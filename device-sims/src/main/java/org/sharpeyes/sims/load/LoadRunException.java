package org.sharpeyes.sims.load;

/** A load run could not start, e.g. because the alert stream refused the connection. */
public final class LoadRunException extends RuntimeException {

  public LoadRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
