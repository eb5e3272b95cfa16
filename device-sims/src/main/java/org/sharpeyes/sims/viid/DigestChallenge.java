package org.sharpeyes.sims.viid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP Digest challenge (RFC 7616 §3.3) from a {@code WWW-Authenticate} header.
 *
 * @param realm the protection space; the password is per realm
 * @param nonce the server's nonce, quoted back in every answer to this challenge
 * @param opaque returned unchanged, or {@code null}
 * @param qopAuth true when the server offers {@code qop=auth}; without qop the RFC 2069 form is
 *     used
 * @param algorithm {@code MD5} or {@code SHA-256}
 * @param stale true when the previous nonce was merely too old: retry with this one, the password
 *     was right
 */
public record DigestChallenge(
    String realm, String nonce, String opaque, boolean qopAuth, String algorithm, boolean stale) {

  /**
   * The first Digest challenge with an algorithm this client can answer (MD5 or SHA-256, not the
   * -sess variants), among the header values given.
   */
  public static Optional<DigestChallenge> first(List<String> headerValues) {
    for (String value : headerValues) {
      Optional<DigestChallenge> challenge = parse(value);
      if (challenge.isPresent()) {
        return challenge;
      }
    }
    return Optional.empty();
  }

  /** The challenge in one header value, or empty when it is not a usable Digest challenge. */
  public static Optional<DigestChallenge> parse(String headerValue) {
    String value = headerValue.strip();
    if (!value.regionMatches(true, 0, "Digest ", 0, 7)) {
      return Optional.empty();
    }
    Map<String, String> params = params(value.substring(7));
    String nonce = params.get("nonce");
    String algorithm = params.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    if (nonce == null || !(algorithm.equals("MD5") || algorithm.equals("SHA-256"))) {
      return Optional.empty();
    }
    String qop = params.get("qop");
    boolean qopAuth = false;
    if (qop != null) {
      for (String option : qop.split(",")) {
        qopAuth |= option.strip().equalsIgnoreCase("auth");
      }
      if (!qopAuth) {
        return Optional.empty(); // auth-int only: not offered by this client
      }
    }
    return Optional.of(
        new DigestChallenge(
            params.getOrDefault("realm", ""),
            nonce,
            params.get("opaque"),
            qopAuth,
            algorithm,
            "true".equalsIgnoreCase(params.get("stale"))));
  }

  /** {@code key=value} or {@code key="quoted, \"value\""} pairs separated by commas. */
  private static Map<String, String> params(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
        i++;
      }
      int keyStart = i;
      while (i < n && text.charAt(i) != '=' && text.charAt(i) != ',') {
        i++;
      }
      String key = text.substring(keyStart, i).strip().toLowerCase(Locale.ROOT);
      if (i >= n || text.charAt(i) != '=') {
        continue;
      }
      i++;
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && text.charAt(i) == '"') {
        i++;
        while (i < n && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        i++;
      } else {
        while (i < n && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      if (!key.isEmpty()) {
        out.putIfAbsent(key, value.toString().strip());
      }
    }
    return out;
  }
}
