package org.sharpeyes.edge.adapter.viid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP Digest authentication (RFC 7616, algorithm MD5, {@code qop=auth}) of the GA/T 1400 devices
 * one listener serves; the Digest user name is the device id. Nonces are issued by this class and
 * live for {@code nonceLifetime}: an expired (or forgotten) nonce with an otherwise right answer
 * gets a new challenge with {@code stale=true}, so the device retries without asking its user. Each
 * nonce remembers the highest {@code nc} seen and refuses one that is not higher (a replay). At
 * most {@link #MAX_NONCES} nonces are live; the oldest is forgotten first. Responses are compared
 * with {@link MessageDigest#isEqual}. Thread-safe.
 */
final class DigestAuthenticator {

  static final int MAX_NONCES = 1024;

  /** What a request's {@code Authorization} header was found to be. */
  enum Outcome {
    ACCEPTED,
    MISSING,
    MALFORMED,
    UNKNOWN_USER,
    WRONG,
    STALE,
    REPLAYED
  }

  /**
   * The outcome; {@code deviceId} is the user name presented (when there was one).
   *
   * @param deviceId the Digest user name, or {@code null}
   */
  record Verdict(Outcome outcome, String deviceId) {}

  private record NonceState(Instant issuedAt, long highestNc) {}

  private final String realm;
  private final Map<String, byte[]> passwords;
  private final Duration nonceLifetime;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final String opaque;
  private final LinkedHashMap<String, NonceState> nonces = new LinkedHashMap<>();

  /**
   * @param passwords each device id's password
   */
  DigestAuthenticator(
      String realm, Map<String, String> passwords, Duration nonceLifetime, Clock clock) {
    this.realm = realm;
    Map<String, byte[]> p = new LinkedHashMap<>();
    passwords.forEach((id, pw) -> p.put(id, pw.getBytes(StandardCharsets.UTF_8)));
    this.passwords = Map.copyOf(p);
    this.nonceLifetime = nonceLifetime;
    this.clock = clock;
    this.opaque = randomHex(16);
  }

  /** A {@code WWW-Authenticate} value with a new nonce. */
  String challenge(boolean stale) {
    String nonce = randomHex(16);
    synchronized (nonces) {
      nonces.put(nonce, new NonceState(clock.instant(), 0));
      Iterator<String> oldest = nonces.keySet().iterator();
      while (nonces.size() > MAX_NONCES) {
        oldest.next();
        oldest.remove();
      }
    }
    return "Digest realm=\""
        + realm
        + "\", qop=\"auth\", algorithm=MD5, nonce=\""
        + nonce
        + "\", opaque=\""
        + opaque
        + "\""
        + (stale ? ", stale=true" : "");
  }

  /** Live nonces (for tests and the bound). */
  int liveNonces() {
    synchronized (nonces) {
      return nonces.size();
    }
  }

  /**
   * Checks an {@code Authorization} header.
   *
   * @param authorization the header, {@code null} when absent
   * @param method the request method, e.g. {@code POST}
   * @param uri the request target as sent
   */
  Verdict check(String authorization, String method, String uri) {
    if (authorization == null || authorization.isBlank()) {
      return new Verdict(Outcome.MISSING, null);
    }
    Map<String, String> p = DigestParams.parse(authorization);
    if (p == null) {
      return new Verdict(Outcome.MALFORMED, null);
    }
    String user = p.get("username");
    String nonce = p.get("nonce");
    String response = p.get("response");
    String qop = p.get("qop");
    String nc = p.get("nc");
    String cnonce = p.get("cnonce");
    String digestUri = p.get("uri");
    String algorithm = p.getOrDefault("algorithm", "MD5");
    if (user == null
        || nonce == null
        || response == null
        || digestUri == null
        || nc == null
        || cnonce == null
        || !"auth".equals(qop)
        || !algorithm.equalsIgnoreCase("MD5")
        || !nc.matches("[0-9a-fA-F]{8}")
        || !realm.equals(p.get("realm"))
        || (p.containsKey("opaque") && !opaque.equals(p.get("opaque")))) {
      return new Verdict(Outcome.MALFORMED, user);
    }
    if (!digestUri.equals(uri)) {
      return new Verdict(Outcome.MALFORMED, user);
    }
    byte[] password = passwords.get(user);
    if (password == null) {
      return new Verdict(Outcome.UNKNOWN_USER, user);
    }
    String ha1 = md5Hex(user + ":" + realm + ":" + new String(password, StandardCharsets.UTF_8));
    String ha2 = md5Hex(method + ":" + digestUri);
    String expected = md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    boolean right =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    if (!right) {
      return new Verdict(Outcome.WRONG, user);
    }
    long count = Long.parseLong(nc, 16);
    synchronized (nonces) {
      NonceState state = nonces.get(nonce);
      if (state == null || !clock.instant().isBefore(state.issuedAt().plus(nonceLifetime))) {
        nonces.remove(nonce);
        return new Verdict(Outcome.STALE, user);
      }
      if (count <= state.highestNc()) {
        return new Verdict(Outcome.REPLAYED, user);
      }
      nonces.put(nonce, new NonceState(state.issuedAt(), count));
    }
    return new Verdict(Outcome.ACCEPTED, user);
  }

  static String md5Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  private String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
