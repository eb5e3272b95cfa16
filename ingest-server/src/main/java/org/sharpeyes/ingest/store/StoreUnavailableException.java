package org.sharpeyes.ingest.store;

/** The database could not be reached or migrated at start. The message says which and why. */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
