package org.sharpeyes.ingest.auth;

/**
 * Turns a bearer token into a {@link Principal}, or says why not. Runs on the event loop: it must
 * not block (keys, revocations and disabled users are held in memory by the implementation).
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * @param token the text after {@code Bearer } in the Authorization header; any string, never null
   * @return never null; never throws for bad input
   */
  Authentication authenticate(String token);

  /** The outcome of checking one token. */
  sealed interface Authentication {
    /** The token is valid and its user active. */
    record Accepted(Principal principal) implements Authentication {}

    /** Missing, malformed, badly signed, expired, revoked or of a disabled user: the reason. */
    record Refused(String reason) implements Authentication {}
  }
}
