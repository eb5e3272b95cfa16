package org.sharpeyes.ingest.auth;

import java.util.Optional;

/**
 * The {@link Authenticator} of the server: accepts this server's own access tokens and, when
 * configured, those of an external OIDC issuer. In memory, never blocking: signatures are checked
 * against keys already loaded, revocations against {@link Revocations}. Refusal reasons are short
 * words for the 401's {@code detail}: {@code malformed…}, {@code bad signature}, {@code unknown key
 * id …}, {@code expired at …}, {@code revoked}, {@code user disabled}, {@code unknown issuer …},
 * {@code wrong audience…}. Thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {

  private final LocalTokens local;
  private final OidcIssuer oidc;
  private final Revocations revocations;

  /**
   * @param oidc the external issuer, or null
   */
  public TokenAuthenticator(LocalTokens local, OidcIssuer oidc, Revocations revocations) {
    this.local = local;
    this.oidc = oidc;
    this.revocations = revocations;
  }

  @Override
  public Authentication authenticate(String token) {
    try {
      Object outcome = check(token);
      return outcome instanceof Verified v
          ? new Authentication.Accepted(v.principal())
          : new Authentication.Refused((String) outcome);
    } catch (RuntimeException e) { // the contract: never throws for bad input
      return new Authentication.Refused("malformed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * The claims of a valid, unrevoked token, with its jti, session and expiry (for logout). Empty
   * when the token is not accepted.
   */
  public Optional<Verified> verified(String token) {
    try {
      return check(token) instanceof Verified v ? Optional.of(v) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * An accepted token.
   *
   * @param jti the token's id, or null when an external token has none
   * @param sessionId the login session (local tokens), or null
   */
  public record Verified(
      Principal principal, String jti, String sessionId, java.time.Instant expiresAt) {}

  private Object check(String token) {
    if (token == null || token.isBlank()) {
      return "no token";
    }
    JwtKeys.Unverified seen = JwtKeys.peek(token.strip());
    if (seen == null) {
      return "malformed: not a signed JWT (header.payload.signature)";
    }
    Object iss = seen.claims().getValue("iss");
    if (local.issuer().equals(iss)) {
      return checkLocal(token.strip(), seen);
    }
    if (oidc != null && oidc.issuer().equals(iss)) {
      return checkExternal(token.strip(), seen);
    }
    return iss instanceof String s
        ? "unknown issuer " + JwtKeys.printable(s)
        : "malformed: no issuer (iss)";
  }

  private Object checkLocal(String token, JwtKeys.Unverified seen) {
    Object result = local.verify(token, seen);
    if (!(result instanceof LocalTokens.Claims c)) {
      return result;
    }
    if (revocations.isRevoked(c.jti()) || revocations.isRevoked("sid:" + c.sessionId())) {
      return "revoked (logged out, or its session was revoked)";
    }
    UserStore.TokenState state = revocations.state(c.principal().name());
    if (state == null) {
      return "unknown user";
    }
    if (state.disabled()) {
      return "user disabled";
    }
    if (state.tokenEpoch() != c.epoch()) {
      return "revoked (the user's password was changed or the user disabled since)";
    }
    return new Verified(c.principal(), c.jti(), c.sessionId(), c.exp());
  }

  private Object checkExternal(String token, JwtKeys.Unverified seen) {
    Object result = oidc.verify(token, seen);
    if (!(result instanceof Principal p)) {
      return result;
    }
    Object jti = seen.claims().getValue("jti");
    if (jti instanceof String j && revocations.isRevoked(j)) {
      return "revoked (logged out)";
    }
    return new Verified(
        p, jti instanceof String j ? j : null, null, JwtKeys.instant(seen.claims(), "exp"));
  }
}
