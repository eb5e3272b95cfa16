package org.sharpeyes.ingest.broker;

/** The embedded broker could not start. The message says where and why. */
public final class BrokerStartException extends RuntimeException {
  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
