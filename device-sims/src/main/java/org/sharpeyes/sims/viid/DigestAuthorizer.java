package org.sharpeyes.sims.viid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Answers HTTP Digest challenges (RFC 7616, {@code qop=auth}, MD5 or SHA-256) for one user: keeps
 * the current challenge, one client nonce per challenge and the nonce count, so that every request
 * under the same nonce carries the next {@code nc} (servers that guard against replays check it).
 * Thread-safe.
 */
public final class DigestAuthorizer {

  private final String username;
  private final String password;
  private final Supplier<String> cnonces;
  private DigestChallenge challenge;
  private long nonceCount;
  private String cnonce;

  /** With random client nonces. */
  public DigestAuthorizer(String username, String password) {
    this(username, password, randomCnonces());
  }

  /** With client nonces from {@code cnonces} (tests pin them). */
  public DigestAuthorizer(String username, String password, Supplier<String> cnonces) {
    this.username = username;
    this.password = password;
    this.cnonces = cnonces;
  }

  /** Takes a new challenge; the nonce count starts over. */
  public synchronized void accept(DigestChallenge newChallenge) {
    this.challenge = newChallenge;
    this.nonceCount = 0;
    this.cnonce = cnonces.get();
  }

  /** The challenge being answered, or {@code null} before the first 401. */
  public synchronized DigestChallenge challenge() {
    return challenge;
  }

  /**
   * The {@code Authorization} header for a request, or {@code null} before any challenge.
   *
   * @param uri the request target exactly as sent (path and query)
   */
  public synchronized String authorization(String method, String uri) {
    if (challenge == null) {
      return null;
    }
    nonceCount++;
    return header(challenge, method, uri, nonceCount, cnonce);
  }

  /** The header for one request, with the nonce count and client nonce given. */
  String header(DigestChallenge c, String method, String uri, long nc, String cnonce) {
    String ncText = String.format(Locale.ROOT, "%08x", nc);
    String response = response(c, method, uri, ncText, cnonce);
    StringBuilder out = new StringBuilder("Digest ");
    out.append("username=").append(quote(username));
    out.append(", realm=").append(quote(c.realm()));
    out.append(", nonce=").append(quote(c.nonce()));
    out.append(", uri=").append(quote(uri));
    out.append(", algorithm=").append(c.algorithm());
    if (c.qopAuth()) {
      out.append(", qop=auth, nc=").append(ncText).append(", cnonce=").append(quote(cnonce));
    }
    out.append(", response=").append(quote(response));
    if (c.opaque() != null) {
      out.append(", opaque=").append(quote(c.opaque()));
    }
    return out.toString();
  }

  /** The {@code response} value (RFC 7616 §3.4.1). */
  String response(DigestChallenge c, String method, String uri, String nc, String cnonce) {
    String ha1 = hash(c.algorithm(), username + ":" + c.realm() + ":" + password);
    String ha2 = hash(c.algorithm(), method + ":" + uri);
    String material =
        c.qopAuth()
            ? ha1 + ":" + c.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2
            : ha1 + ":" + c.nonce() + ":" + ha2;
    return hash(c.algorithm(), material);
  }

  static String hash(String algorithm, String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }

  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static Supplier<String> randomCnonces() {
    SecureRandom random = new SecureRandom();
    return () -> {
      byte[] bytes = new byte[12];
      random.nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    };
  }
}
