package org.sharpeyes.ingest.edgeaccount;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passwords hashed the way Mosquitto 2.0's {@code mosquitto_passwd} writes them, so that one stored
 * hash serves both the embedded broker's check and a Mosquitto {@code password_file}: {@code
 * $7$<iterations>$<base64 salt>$<base64 hash>}, PBKDF2-HMAC-SHA512 over the UTF-8 password, a
 * 12-byte salt and a 64-byte hash, {@value #ITERATIONS} iterations (Mosquitto's own default).
 *
 * <p>PBKDF2 is computed here with {@link Mac} rather than {@code SecretKeyFactory}, because the
 * JDK's PBKDF2 key factory takes the password as {@code char[]} and encodes it itself; computing it
 * over the UTF-8 bytes is what Mosquitto does. Thread-safe.
 */
public final class MosquittoPasswordHash {

  /** What {@code mosquitto_passwd} 2.0 uses; Mosquitto reads the count from each line. */
  public static final int ITERATIONS = 101;

  static final int SALT_BYTES = 12;
  static final int HASH_BYTES = 64;
  private static final String PREFIX = "$7$";

  private MosquittoPasswordHash() {}

  /**
   * A new {@code $7$} hash of {@code password} with a fresh salt from {@code random}.
   *
   * @throws IllegalArgumentException for an empty password (Mosquitto cannot check one either)
   */
  public static String hash(char[] password, RandomGenerator random) {
    if (password.length == 0) {
      throw new IllegalArgumentException("an empty password cannot be hashed");
    }
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return encode(ITERATIONS, salt, pbkdf2(utf8(password), salt, ITERATIONS));
  }

  /**
   * Whether {@code password} matches {@code encoded} (any iteration count); {@code false} for a
   * hash that is not in the {@code $7$} form. Compares in constant time.
   */
  public static boolean matches(String encoded, char[] password) {
    if (encoded == null
        || password == null
        || password.length == 0
        || !encoded.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[0]);
      byte[] salt = Base64.getDecoder().decode(parts[1]);
      byte[] expected = Base64.getDecoder().decode(parts[2]);
      if (iterations < 1 || iterations > 1_000_000 || expected.length != HASH_BYTES) {
        return false;
      }
      return MessageDigest.isEqual(expected, pbkdf2(utf8(password), salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String encode(int iterations, byte[] salt, byte[] hash) {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] out = Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
    Arrays.fill(bytes.array(), (byte) 0);
    return out;
  }

  /** PBKDF2 with HMAC-SHA512 and one block: the 64-byte output is one HMAC block. */
  static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(password, "HmacSHA512"));
      mac.update(salt);
      mac.update(new byte[] {0, 0, 0, 1});
      byte[] u = mac.doFinal();
      byte[] t = u.clone();
      for (int i = 1; i < iterations; i++) {
        u = mac.doFinal(u);
        for (int j = 0; j < t.length; j++) {
          t[j] ^= u[j];
        }
      }
      return t;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is not available in this JVM", e);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }
}
