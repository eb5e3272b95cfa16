package org.sharpeyes.ingest.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.ingest.access.Role;

/**
 * Reads the {@code auth} section. Key files and the seed users file are resolved against the config
 * file's directory and must exist.
 */
final class AuthConfigReader {

  static final List<String> KEYS =
      List.of(
          "issuer",
          "accessTokenLifetime",
          "refreshTokenLifetime",
          "keys",
          "minPasswordLength",
          "lockout",
          "revocationRefresh",
          "seedUsers",
          "oidc",
          "openMetrics");
  private static final List<String> OIDC_KEYS =
      List.of("issuer", "audience", "jwksFile", "jwksRefresh", "claims", "roleMap");

  private AuthConfigReader() {}

  /** The section, or {@code null} when it has problems (all recorded). */
  static AuthConfig read(ConfigTree s) {
    int before = s.problemCount();
    s.allowKeys(KEYS);
    String issuer = s.has("issuer") ? s.text("issuer") : AuthConfig.DEFAULT_ISSUER;
    Duration access =
        s.duration(
            "accessTokenLifetime",
            AuthConfig.DEFAULT_ACCESS_TOKEN_LIFETIME,
            Duration.ofMinutes(1),
            Duration.ofHours(24));
    Duration refresh =
        s.duration(
            "refreshTokenLifetime",
            AuthConfig.DEFAULT_REFRESH_TOKEN_LIFETIME,
            Duration.ofMinutes(5),
            Duration.ofDays(90));
    if (access != null && refresh != null && refresh.compareTo(access) < 0) {
      s.problem(
          "refreshTokenLifetime",
          "shorter than accessTokenLifetime — a refresh token must outlive the access token");
    }
    AuthConfig.Keys keys = readKeys(s.sectionOrEmpty("keys"));
    Integer minLength =
        s.integer("minPasswordLength", AuthConfig.DEFAULT_MIN_PASSWORD_LENGTH, 8, 128);
    AuthConfig.Lockout lockout = readLockout(s.sectionOrEmpty("lockout"));
    Duration revocation =
        s.duration(
            "revocationRefresh",
            AuthConfig.DEFAULT_REVOCATION_REFRESH,
            Duration.ofMillis(100),
            Duration.ofMinutes(1));
    Path seed = existingFile(s, "seedUsers");
    AuthConfig.Oidc oidc = s.has("oidc") ? readOidc(s.section("oidc")) : null;
    Boolean openMetrics = s.bool("openMetrics", false);
    if (s.problemCount() > before) {
      return null;
    }
    return new AuthConfig(
        issuer, access, refresh, keys, minLength, lockout, revocation, seed, oidc, openMetrics);
  }

  private static AuthConfig.Keys readKeys(ConfigTree k) {
    k.allowKeys(List.of("privateKey", "publicKey", "previousPublicKeys"));
    Path priv = existingFile(k, "privateKey");
    Path pub = existingFile(k, "publicKey");
    if (k.has("privateKey") != k.has("publicKey")) {
      k.problem(
          k.has("privateKey") ? "publicKey" : "privateKey",
          "missing — give privateKey and publicKey together (PEM files of one ES256 key pair),"
              + " or neither to have one generated into <dataDir>/auth");
    }
    List<Path> previous = new ArrayList<>();
    List<String> listed = k.texts("previousPublicKeys");
    if (listed != null) {
      for (int i = 0; i < listed.size(); i++) {
        Path p = k.baseDir().resolve(listed.get(i)).normalize();
        if (!Files.isRegularFile(p)) {
          k.problem("previousPublicKeys[" + i + "]", "file " + p + " does not exist");
        } else {
          previous.add(p);
        }
      }
    }
    if (priv == null || pub == null) {
      return new AuthConfig.Keys(null, null, previous);
    }
    return new AuthConfig.Keys(priv, pub, previous);
  }

  private static AuthConfig.Lockout readLockout(ConfigTree l) {
    l.allowKeys(List.of("maxFailures", "duration", "delay"));
    Integer max = l.integer("maxFailures", AuthConfig.Lockout.DEFAULT_MAX_FAILURES, 1, 100);
    Duration duration =
        l.duration(
            "duration",
            AuthConfig.Lockout.DEFAULT_DURATION,
            Duration.ofSeconds(1),
            Duration.ofDays(1));
    Duration delay =
        l.duration(
            "delay", AuthConfig.Lockout.DEFAULT_DELAY, Duration.ZERO, AuthConfig.Lockout.MAX_DELAY);
    return max == null || duration == null || delay == null
        ? null
        : new AuthConfig.Lockout(max, duration, delay);
  }

  private static AuthConfig.Oidc readOidc(ConfigTree o) {
    if (o == null) {
      return null;
    }
    int before = o.problemCount();
    o.allowKeys(OIDC_KEYS);
    URI issuer = null;
    if (o.require(
        "issuer",
        "the issuer URL exactly as its tokens' iss, e.g. https://sso.example/realms/city")) {
      issuer =
          o.uri(
              "issuer",
              "write the issuer URL exactly as its tokens' iss, e.g. https://sso.example/realms/city",
              List.of("https", "http"));
    }
    String audience = o.text("audience", "the client id this server has at the issuer");
    Path jwks = existingFile(o, "jwksFile");
    Duration refresh =
        o.duration(
            "jwksRefresh",
            AuthConfig.Oidc.DEFAULT_JWKS_REFRESH,
            Duration.ofSeconds(10),
            Duration.ofDays(1));
    ConfigTree c = o.sectionOrEmpty("claims");
    c.allowKeys(List.of("name", "role", "jurisdiction", "clearance"));
    String name = claim(c, "name", AuthConfig.Oidc.DEFAULT_NAME_CLAIM);
    String role = claim(c, "role", AuthConfig.Oidc.DEFAULT_ROLE_CLAIM);
    String jur = claim(c, "jurisdiction", AuthConfig.Oidc.DEFAULT_JURISDICTION_CLAIM);
    String clr = claim(c, "clearance", AuthConfig.Oidc.DEFAULT_CLEARANCE_CLAIM);
    Map<String, String> roleMap = new LinkedHashMap<>();
    Map<String, String> given = o.entries("roleMap");
    if (given != null) {
      given.forEach(
          (value, label) -> {
            if (Role.fromLabel(label).isEmpty()) {
              o.problem(
                  "roleMap." + value, "'" + label + "' is not a role — one of " + Role.labels());
            } else {
              roleMap.put(value, label);
            }
          });
    }
    if (o.problemCount() > before) {
      return null;
    }
    return new AuthConfig.Oidc(issuer, audience, jwks, refresh, name, role, jur, clr, roleMap);
  }

  private static String claim(ConfigTree c, String key, String fallback) {
    return c.has(key) ? c.text(key) : fallback;
  }

  private static Path existingFile(ConfigTree s, String key) {
    Path p = s.path(key, s.baseDir(), null);
    if (p != null && !Files.isRegularFile(p)) {
      s.problem(key, "file " + p + " does not exist — the path is relative to the config file");
      return null;
    }
    return p;
  }
}
