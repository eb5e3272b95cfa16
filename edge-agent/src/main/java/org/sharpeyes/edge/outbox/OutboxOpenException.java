package org.sharpeyes.edge.outbox;

/** The outbox file cannot be used; the message says why and what to do, fit for an operator. */
public final class OutboxOpenException extends RuntimeException {
  public OutboxOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
