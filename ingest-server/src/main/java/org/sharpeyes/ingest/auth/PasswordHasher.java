package org.sharpeyes.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and checks passwords with Argon2id, stored as a PHC string {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard Base64, 16-byte salt, 32-byte
 * hash), so that the parameters travel with each hash and can be raised later without breaking old
 * ones.
 *
 * <p>Why Argon2id, from BouncyCastle: it is OWASP's first choice for password storage (memory-hard,
 * so GPU guessing is expensive), and BouncyCastle's {@code Argon2BytesGenerator} is pure Java,
 * maintained, already on the server's class path for the JWT keys, and needs no native library
 * (unlike argon2-jvm, which wraps libargon2). The defaults are OWASP's minimum for Argon2id: 19 MiB
 * of memory, 2 passes, 1 lane.
 *
 * <p>Thread-safe. Hashing and checking take tens of milliseconds and that much memory: call them
 * from a worker thread, never the event loop.
 */
public final class PasswordHasher {

  /**
   * Argon2id parameters.
   *
   * @param memoryKib memory in KiB
   * @param iterations passes over the memory
   * @param parallelism lanes
   */
  public record Params(int memoryKib, int iterations, int parallelism) {
    /** OWASP's Password Storage Cheat Sheet: m=19456 (19 MiB), t=2, p=1. */
    public static final Params OWASP = new Params(19_456, 2, 1);

    public Params {
      if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
        throw new IllegalArgumentException("Argon2 memory out of range: " + memoryKib + " KiB");
      }
      if (iterations < 1 || iterations > 10 || parallelism < 1 || parallelism > 16) {
        throw new IllegalArgumentException("Argon2 t/p out of range: " + iterations);
      }
    }
  }

  /** Shortest password accepted when not configured ({@code auth.minPasswordLength}). */
  public static final int DEFAULT_MIN_LENGTH = 10;

  /** Longest password accepted: more only costs hashing time. */
  public static final int MAX_LENGTH = 256;

  /** Stored parameters above this are refused, so a tampered row cannot exhaust memory. */
  static final int MAX_MEMORY_KIB = 262_144;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{16,64})"
              + "\\$([A-Za-z0-9+/]{16,128})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final Params params;
  private final int minLength;
  private final SecureRandom random;
  private final String dummyHash;

  public PasswordHasher(Params params, int minLength, SecureRandom random) {
    if (minLength < 1 || minLength > MAX_LENGTH) {
      throw new IllegalArgumentException("minimum password length out of range: " + minLength);
    }
    this.params = params;
    this.minLength = minLength;
    this.random = random;
    this.dummyHash = hash("not a password of anyone's");
  }

  /** OWASP parameters, {@code minLength} characters at least. */
  public static PasswordHasher owasp(int minLength) {
    return new PasswordHasher(Params.OWASP, minLength, new SecureRandom());
  }

  /**
   * Why {@code password} may not be set, in words for the user; empty when it may. Only length is
   * checked (NIST SP 800-63B: length over composition rules).
   */
  public Optional<String> refusal(String password) {
    if (password == null || password.isEmpty()) {
      return Optional.of("a password is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < minLength) {
      return Optional.of(
          "too short: " + length + " characters; use at least " + minLength + " characters");
    }
    if (length > MAX_LENGTH) {
      return Optional.of("too long: use at most " + MAX_LENGTH + " characters");
    }
    return Optional.empty();
  }

  /** The PHC string of {@code password} with a fresh salt. Does not check {@link #refusal}. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, params, HASH_BYTES);
    return "$argon2id$v=19$m="
        + params.memoryKib()
        + ",t="
        + params.iterations()
        + ",p="
        + params.parallelism()
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /**
   * Whether {@code password} matches {@code phc}, compared in constant time. False for a malformed
   * or out-of-range stored string, never an exception.
   */
  public boolean matches(String password, String phc) {
    if (password == null || phc == null || password.length() > MAX_LENGTH * 2) {
      return false;
    }
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return false;
    }
    try {
      Params stored =
          new Params(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      byte[] salt = B64D.decode(m.group(4));
      byte[] expected = B64D.decode(m.group(5));
      return MessageDigest.isEqual(expected, derive(password, salt, stored, expected.length));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /**
   * Spends the time of one check on nothing: for a login with an unknown name, so that its answer
   * takes as long as a wrong password's.
   */
  public void checkNothing(String password) {
    matches(password == null ? "" : password, dummyHash);
  }

  private static byte[] derive(String password, byte[] salt, Params p, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKib())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
