package org.sharpeyes.ingest.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accounts, tokens and the external identity provider ({@code auth.*}; docs/security.md).
 *
 * @param issuer the {@code iss} of the tokens this server signs
 * @param accessTokenLifetime how long an access token is valid
 * @param refreshTokenLifetime how long a refresh token is valid (each use gives a new one)
 * @param keys the signing key pair and the previous public keys still accepted
 * @param minPasswordLength shortest password accepted for a new or changed password
 * @param lockout slowing down and locking after failed logins
 * @param revocationRefresh how often disabled users and revoked tokens are re-read from the store
 * @param seedUsers a YAML file of demo users created at start if absent (absolute), or {@code null}
 * @param oidc an external OpenID Connect issuer whose tokens are accepted too, or {@code null}
 * @param openMetrics whether {@code GET /metrics} is served without a token (for a Prometheus on a
 *     trusted network); the access gate's policy reads it
 */
public record AuthConfig(
    String issuer,
    Duration accessTokenLifetime,
    Duration refreshTokenLifetime,
    Keys keys,
    int minPasswordLength,
    Lockout lockout,
    Duration revocationRefresh,
    Path seedUsers,
    Oidc oidc,
    boolean openMetrics) {

  public static final String DEFAULT_ISSUER = "sharpeyes";
  public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);
  public static final Duration DEFAULT_REFRESH_TOKEN_LIFETIME = Duration.ofHours(12);
  public static final int DEFAULT_MIN_PASSWORD_LENGTH = 10;
  public static final Duration DEFAULT_REVOCATION_REFRESH = Duration.ofSeconds(5);

  public AuthConfig {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
    Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(lockout, "lockout");
    Objects.requireNonNull(revocationRefresh, "revocationRefresh");
  }

  /** A generated key, OWASP-ish defaults, no seed users, no external issuer. */
  public static AuthConfig defaults() {
    return new AuthConfig(
        DEFAULT_ISSUER,
        DEFAULT_ACCESS_TOKEN_LIFETIME,
        DEFAULT_REFRESH_TOKEN_LIFETIME,
        Keys.GENERATED,
        DEFAULT_MIN_PASSWORD_LENGTH,
        Lockout.defaults(),
        DEFAULT_REVOCATION_REFRESH,
        null,
        null,
        false);
  }

  public AuthConfig withLockout(Lockout newLockout) {
    return new AuthConfig(
        issuer,
        accessTokenLifetime,
        refreshTokenLifetime,
        keys,
        minPasswordLength,
        newLockout,
        revocationRefresh,
        seedUsers,
        oidc,
        openMetrics);
  }

  public AuthConfig withOidc(Oidc newOidc) {
    return new AuthConfig(
        issuer,
        accessTokenLifetime,
        refreshTokenLifetime,
        keys,
        minPasswordLength,
        lockout,
        revocationRefresh,
        seedUsers,
        newOidc,
        openMetrics);
  }

  public AuthConfig withSeedUsers(Path file) {
    return new AuthConfig(
        issuer,
        accessTokenLifetime,
        refreshTokenLifetime,
        keys,
        minPasswordLength,
        lockout,
        revocationRefresh,
        file,
        oidc,
        openMetrics);
  }

  /**
   * The ES256 signing key.
   *
   * @param privateKey PKCS#8 PEM file of the current private key; {@code null}: generated at first
   *     start into {@code <dataDir>/auth/} and kept there
   * @param publicKey X.509 (SubjectPublicKeyInfo) PEM file of its public key; set with {@code
   *     privateKey}
   * @param previousPublicKeys PEM files of earlier public keys whose tokens are still accepted
   */
  public record Keys(Path privateKey, Path publicKey, List<Path> previousPublicKeys) {
    public static final Keys GENERATED = new Keys(null, null, List.of());

    public Keys {
      previousPublicKeys = List.copyOf(previousPublicKeys);
      if ((privateKey == null) != (publicKey == null)) {
        throw new IllegalArgumentException("privateKey and publicKey go together");
      }
    }
  }

  /**
   * @param maxFailures consecutive failed logins that lock an account
   * @param duration how long a lock lasts
   * @param delay added to the answer of each further consecutive failure (1st: none, 2nd: delay,
   *     3rd: 2 × delay …, at most {@link #MAX_DELAY})
   */
  public record Lockout(int maxFailures, Duration duration, Duration delay) {
    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(15);
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(500);
    public static final Duration MAX_DELAY = Duration.ofSeconds(10);

    public static Lockout defaults() {
      return new Lockout(DEFAULT_MAX_FAILURES, DEFAULT_DURATION, DEFAULT_DELAY);
    }

    /** How long to hold the answer to a failure that makes {@code failures} in a row. */
    public Duration delayAfter(int failures) {
      Duration d = delay.multipliedBy(Math.max(0, failures - 1));
      return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }
  }

  /**
   * An external OpenID Connect issuer (Keycloak, say).
   *
   * @param issuer its {@code iss}, exactly as in its tokens; discovery is {@code
   *     <issuer>/.well-known/openid-configuration}
   * @param audience the {@code aud} its tokens must name (this server's client id there)
   * @param jwksFile a JWKS file of its keys (absolute); {@code null}: fetched by discovery
   * @param jwksRefresh how often the keys are fetched again (discovery only)
   * @param nameClaim the claim holding the user name
   * @param roleClaim the claim holding the role (a label or a key of {@code roleMap})
   * @param jurisdictionClaim the claim holding the region code
   * @param clearanceClaim the claim holding {@code masked} or {@code full}; {@code masked} when
   *     absent
   * @param roleMap the provider's values → role labels; empty: the value is the label
   */
  public record Oidc(
      URI issuer,
      String audience,
      Path jwksFile,
      Duration jwksRefresh,
      String nameClaim,
      String roleClaim,
      String jurisdictionClaim,
      String clearanceClaim,
      Map<String, String> roleMap) {
    public static final Duration DEFAULT_JWKS_REFRESH = Duration.ofMinutes(10);
    public static final String DEFAULT_NAME_CLAIM = "preferred_username";
    public static final String DEFAULT_ROLE_CLAIM = "sharpeyes_role";
    public static final String DEFAULT_JURISDICTION_CLAIM = "sharpeyes_jurisdiction";
    public static final String DEFAULT_CLEARANCE_CLAIM = "sharpeyes_clearance";

    public Oidc {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(audience, "audience");
      Objects.requireNonNull(jwksRefresh, "jwksRefresh");
      roleMap = Map.copyOf(roleMap);
    }

    /** The issuer and audience, every other key at its default. */
    public static Oidc of(URI issuer, String audience, Path jwksFile) {
      return new Oidc(
          issuer,
          audience,
          jwksFile,
          DEFAULT_JWKS_REFRESH,
          DEFAULT_NAME_CLAIM,
          DEFAULT_ROLE_CLAIM,
          DEFAULT_JURISDICTION_CLAIM,
          DEFAULT_CLEARANCE_CLAIM,
          Map.of());
    }

    /** The issuer as its tokens write it (no trailing slash added or removed). */
    public String issuerText() {
      return issuer.toString();
    }
  }
}
