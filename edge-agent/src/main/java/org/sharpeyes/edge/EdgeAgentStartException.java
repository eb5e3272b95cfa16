package org.sharpeyes.edge;

/** The agent could not start; the message says why in words an installer can act on. */
public final class EdgeAgentStartException extends RuntimeException {
  public EdgeAgentStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
