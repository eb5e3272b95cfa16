package org.sharpeyes.ingest.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The public keys of one issuer by key id, each checking signatures through vertx-auth-jwt. Reads a
 * compact JWS, picks the key its header's {@code kid} names and checks the signature; what the
 * claims mean is for the caller. Never throws for bad input: every refusal is a {@link Result}
 * whose reason is a few words. Immutable, thread-safe, never blocks.
 */
final class JwtKeys {

  /** Longest token looked at: a token is a header line, not a document. */
  static final int MAX_TOKEN_CHARS = 8192;

  /** The JWS algorithms accepted at all (never {@code none}, never HMAC with a public key). */
  static final Set<String> ASYMMETRIC =
      Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512");

  /** What a token's header and payload say, before the signature is checked. */
  record Unverified(JsonObject header, JsonObject claims) {}

  /** The outcome of a check: the verified claims, or why not. */
  sealed interface Result {}

  record Valid(JsonObject claims) implements Result {}

  record Invalid(String reason) implements Result {}

  private final Map<String, JWTAuth> byKid;

  private JwtKeys(Map<String, JWTAuth> byKid) {
    this.byKid = Map.copyOf(byKid);
  }

  /** Keys from JWKs ({@code kid}, {@code kty}, …), e.g. an OIDC issuer's JWKS. */
  static JwtKeys ofJwks(Vertx vertx, Map<String, JsonObject> jwkByKid) {
    Map<String, JWTAuth> byKid = new java.util.HashMap<>();
    jwkByKid.forEach(
        (kid, jwk) -> byKid.put(kid, JWTAuth.create(vertx, options().addJwk(jwk.copy()))));
    return new JwtKeys(byKid);
  }

  /** Keys from public key PEMs (ES256), e.g. this server's current and previous keys. */
  static JwtKeys ofPems(Vertx vertx, Iterable<SigningKeys.PublicPem> keys) {
    Map<String, JWTAuth> byKid = new java.util.HashMap<>();
    for (SigningKeys.PublicPem k : keys) {
      PubSecKeyOptions key =
          new PubSecKeyOptions().setAlgorithm("ES256").setId(k.kid()).setBuffer(k.pem());
      byKid.put(k.kid(), JWTAuth.create(vertx, options().addPubSecKey(key)));
    }
    return new JwtKeys(byKid);
  }

  static JwtKeys none() {
    return new JwtKeys(Map.of());
  }

  int size() {
    return byKid.size();
  }

  boolean knows(String kid) {
    return byKid.containsKey(kid);
  }

  /**
   * Splits and decodes a token without checking it.
   *
   * @return null when it is not a compact JWS with JSON header and payload
   */
  static Unverified peek(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      return null;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[2].isEmpty()) {
      return null;
    }
    try {
      JsonObject header = json(parts[0]);
      JsonObject claims = json(parts[1]);
      return header == null || claims == null ? null : new Unverified(header, claims);
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** Checks the signature of {@code token}, whose header and payload {@code seen} are. */
  Result verify(String token, Unverified seen) {
    Object alg = seen.header().getValue("alg");
    if (!(alg instanceof String a) || !ASYMMETRIC.contains(a)) {
      return new Invalid("malformed: algorithm " + alg + " is not accepted");
    }
    Object kid = seen.header().getValue("kid");
    if (!(kid instanceof String k)) {
      return new Invalid("malformed: no key id (kid) in the header");
    }
    JWTAuth auth = byKid.get(k);
    if (auth == null) {
      return new Invalid("unknown key id " + printable(k));
    }
    Future<User> checked;
    try {
      checked = auth.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      return new Invalid("malformed: " + e.getClass().getSimpleName());
    }
    if (!checked.isComplete()) {
      return new Invalid("the signature check did not finish"); // vertx-auth-jwt checks inline
    }
    if (checked.failed()) {
      String why = String.valueOf(checked.cause().getMessage());
      return new Invalid(
          why.contains("Signature verification failed")
              ? "bad signature"
              : "bad signature or" + " malformed: " + printable(why));
    }
    return new Valid(seen.claims());
  }

  /** Seconds-since-epoch claim {@code name} as an instant, or null when absent or not a number. */
  static Instant instant(JsonObject claims, String name) {
    Object v = claims.getValue(name);
    return v instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
  }

  /** A value from a token, cut and stripped of control characters, for a refusal reason. */
  static String printable(String s) {
    String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    return t.replaceAll("[\\p{Cntrl}]", "?");
  }

  private static JsonObject json(String part) {
    byte[] bytes = Base64.getUrlDecoder().decode(part);
    Object value = io.vertx.core.json.Json.decodeValue(new String(bytes, StandardCharsets.UTF_8));
    return value instanceof JsonObject o ? o : null;
  }

  private static JWTAuthOptions options() {
    // Times, issuer and audience are checked by the caller against its injected clock.
    return new JWTAuthOptions().setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
  }
}
