package org.sharpeyes.edge.adapter.gate;

/**
 * Why a connection to the controller failed, in words an installer can act on.
 *
 * <p>{@link #refused()} tells a controller that answered but would not have us as configured
 * (security policy not offered, certificate not trusted, login refused, the profile's nodes not
 * there) from one that could not be reached: the first needs someone to fix the config or the
 * controller, so the adapter shows {@code ERROR}; both are retried with backoff.
 */
final class GateLinkException extends Exception {

  private final boolean refused;

  private GateLinkException(String message, boolean refused, Throwable cause) {
    super(message, cause, false, false);
    this.refused = refused;
  }

  /** The controller answered and refused, or is not what the profile describes. */
  static GateLinkException refused(String message) {
    return new GateLinkException(message, true, null);
  }

  /** The controller could not be reached, or the link broke. */
  static GateLinkException unreachable(String message, Throwable cause) {
    return new GateLinkException(message, false, cause);
  }

  boolean refused() {
    return refused;
  }
}
