package org.sharpeyes.edge.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the {@code Authorization} header of a push against the credentials a listener was given.
 * The comparison takes the same time whatever the header holds: both sides are hashed (SHA-256) and
 * the hashes compared with {@link MessageDigest#isEqual}, so neither the secret's content nor its
 * length leaks through timing. Immutable and thread-safe; holds the secrets only as their hash.
 */
public final class PushAuthenticator {

  /** What a request presented. */
  public enum Verdict {
    /** The credentials asked for. */
    ACCEPTED,
    /** No {@code Authorization} header. */
    MISSING,
    /** A header with other credentials, another scheme or malformed. */
    WRONG
  }

  /** Accepts every request: for {@link PushAuth#NONE}. */
  public static final PushAuthenticator OPEN = new PushAuthenticator(null, null, null);

  private final String scheme;
  private final byte[] expectedHash;
  private final String challenge;

  private PushAuthenticator(String scheme, byte[] expectedHash, String challenge) {
    this.scheme = scheme;
    this.expectedHash = expectedHash;
    this.challenge = challenge;
  }

  /**
   * The authenticator of {@code auth} with the secrets read from {@code environment}.
   *
   * @param realm shown to the device in {@code WWW-Authenticate}, e.g. the device id
   * @param where the config path of the {@code auth} key, for the message about an unset variable
   * @throws IllegalStateException naming the variable that is unset or empty
   */
  public static PushAuthenticator resolve(
      PushAuth auth, Map<String, String> environment, String realm, String where) {
    if (auth instanceof PushAuth.Basic basic) {
      String user = secret(environment, basic.usernameEnv(), where + ".basic.usernameEnv");
      String password = secret(environment, basic.passwordEnv(), where + ".basic.passwordEnv");
      return new PushAuthenticator(
          "basic",
          sha256(user + ":" + password),
          "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
    }
    if (auth instanceof PushAuth.Token token) {
      return new PushAuthenticator(
          "bearer",
          sha256(secret(environment, token.tokenEnv(), where + ".tokenEnv")),
          "Bearer realm=\"" + realm + "\"");
    }
    return OPEN;
  }

  /** Whether any credentials are asked for. */
  public boolean required() {
    return expectedHash != null;
  }

  /** The {@code WWW-Authenticate} value of a 401; {@code null} when none are asked for. */
  public String challenge() {
    return challenge;
  }

  /**
   * Checks a request's {@code Authorization} header.
   *
   * @param authorization the header's value, {@code null} when absent
   */
  public Verdict check(String authorization) {
    if (expectedHash == null) {
      return Verdict.ACCEPTED;
    }
    if (authorization == null || authorization.isBlank()) {
      return Verdict.MISSING;
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme)) {
      return Verdict.WRONG;
    }
    String presented = value.substring(space + 1).strip();
    if (scheme.equals("basic")) {
      try {
        presented = new String(Base64.getDecoder().decode(presented), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Verdict.WRONG;
      }
    }
    return MessageDigest.isEqual(expectedHash, sha256(presented))
        ? Verdict.ACCEPTED
        : Verdict.WRONG;
  }

  private static String secret(Map<String, String> environment, String name, String key) {
    String value = environment.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          "environment variable "
              + name
              + " ("
              + key
              + ") is not set: set it to the credential the device is configured with before"
              + " starting");
    }
    return value;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
