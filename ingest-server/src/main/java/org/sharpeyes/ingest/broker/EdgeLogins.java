package org.sharpeyes.ingest.broker;

/**
 * Checks an edge's user name and password against its account. Called by the embedded broker on its
 * own threads, once per connection attempt; may block briefly (a database read).
 */
@FunctionalInterface
public interface EdgeLogins {

  /** How a check ended; anything but {@link #ACCEPTED} refuses the connection. */
  enum Verdict {
    ACCEPTED,
    UNKNOWN_EDGE,
    WRONG_PASSWORD,
    DISABLED,
    /** The accounts could not be read (database down): refused, the edge retries. */
    UNAVAILABLE
  }

  Verdict check(String edgeId, char[] password);
}
