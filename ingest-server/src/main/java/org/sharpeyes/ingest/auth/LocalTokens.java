package org.sharpeyes.ingest.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;

/**
 * Signs this server's access tokens (ES256 JWTs through vertx-auth-jwt) and reads them back.
 * Claims: {@code iss}, {@code sub} (user name), {@code role}, {@code jur} (jurisdiction), {@code
 * clr} (clearance), {@code jti}, {@code iat}, {@code exp}, {@code sid} (the login session), {@code
 * ep} (the user's token epoch). Thread-safe, never blocks.
 */
public final class LocalTokens {

  /** The issuer of the principals of local tokens ({@link Principal#issuer()}). */
  public static final String PRINCIPAL_ISSUER = "local";

  /** A signed access token. */
  public record Issued(String token, String jti, Instant expiresAt) {}

  /** The claims of a valid local token. */
  public record Claims(Principal principal, String jti, String sessionId, int epoch, Instant exp) {}

  private final String issuer;
  private final Duration lifetime;
  private final Clock clock;
  private final JWTAuth signer;
  private final String kid;
  private final JwtKeys keys;

  /** Tokens whose signature this server has checked, by their exact text (see #remember). */
  private final Map<String, Claims> verified = new ConcurrentHashMap<>();

  /** At most this many checked tokens are kept (about 5 MB). */
  static final int MAX_VERIFIED = 10_000;

  public LocalTokens(
      Vertx vertx, SigningKeys signing, String issuer, Duration lifetime, Clock clock) {
    this.issuer = issuer;
    this.lifetime = lifetime;
    this.clock = clock;
    this.kid = signing.kid();
    this.signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions()
                        .setAlgorithm("ES256")
                        .setId(kid)
                        .setBuffer(signing.privatePem())));
    this.keys = JwtKeys.ofPems(vertx, signing.publicKeys());
  }

  public String issuer() {
    return issuer;
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** A new access token for {@code user} in session {@code sessionId}. */
  public Issued issue(UserAccount user, String sessionId) {
    Instant now = clock.instant();
    Instant exp = now.plus(lifetime);
    String jti = UUID.randomUUID().toString();
    JsonObject claims =
        new JsonObject()
            .put("iss", issuer)
            .put("sub", user.name())
            .put("role", user.role().label())
            .put("jur", user.jurisdiction())
            .put("clr", user.clearance().label())
            .put("jti", jti)
            .put("iat", now.getEpochSecond())
            .put("exp", exp.getEpochSecond())
            .put("sid", sessionId)
            .put("ep", user.tokenEpoch());
    JWTOptions options =
        new JWTOptions()
            .setAlgorithm("ES256")
            .setNoTimestamp(true)
            .setHeader(new JsonObject().put("kid", kid));
    return new Issued(signer.generateToken(claims, options), jti, exp);
  }

  /**
   * Checks a token that names this server as its issuer: signature, expiry, claims. Not revocation
   * (see {@link TokenAuthenticator}).
   *
   * @return the claims, or the reason in words
   */
  Object verify(String token, JwtKeys.Unverified seen) {
    Claims claims = verified.get(token);
    if (claims == null) {
      Object checked = checkSignatureAndClaims(token, seen);
      if (!(checked instanceof Claims c)) {
        return checked;
      }
      claims = c;
      remember(token, claims);
    }
    if (!clock.instant().isBefore(claims.exp())) {
      verified.remove(token);
      return "expired at " + claims.exp();
    }
    return claims;
  }

  /**
   * Keeps {@code claims} for the exact text of a token whose signature was checked, so that the
   * next requests with it skip the ECDSA verification (about 1 ms here, most of a request's cost).
   * Expiry is checked on every use; revocations and the user's state are checked by the caller on
   * every use. Bounded: when full, expired tokens go, and if none had expired, all go.
   */
  private void remember(String token, Claims claims) {
    if (verified.size() >= MAX_VERIFIED) {
      Instant now = clock.instant();
      verified.values().removeIf(c -> !now.isBefore(c.exp()));
      if (verified.size() >= MAX_VERIFIED) {
        verified.clear();
      }
    }
    verified.put(token, claims);
  }

  private Object checkSignatureAndClaims(String token, JwtKeys.Unverified seen) {
    JwtKeys.Result r = keys.verify(token, seen);
    if (r instanceof JwtKeys.Invalid invalid) {
      return invalid.reason();
    }
    JsonObject c = ((JwtKeys.Valid) r).claims();
    Instant exp = JwtKeys.instant(c, "exp");
    if (exp == null) {
      return "malformed: no expiry (exp)";
    }
    String sub = text(c, "sub");
    Role role = Role.fromLabel(text(c, "role")).orElse(null);
    Clearance clr = Clearance.fromLabel(text(c, "clr")).orElse(null);
    String jur = text(c, "jur");
    String jti = text(c, "jti");
    String sid = text(c, "sid");
    Object ep = c.getValue("ep");
    if (sub == null
        || role == null
        || clr == null
        || jur == null
        || jti == null
        || sid == null
        || !(ep instanceof Number epoch)) {
      return "malformed: a claim is missing or not valid (sub, role, jur, clr, jti, sid, ep)";
    }
    return new Claims(
        new Principal(sub, role, jur, clr, PRINCIPAL_ISSUER), jti, sid, epoch.intValue(), exp);
  }

  private static String text(JsonObject c, String name) {
    Object v = c.getValue(name);
    return v instanceof String s && !s.isEmpty() ? s : null;
  }
}
