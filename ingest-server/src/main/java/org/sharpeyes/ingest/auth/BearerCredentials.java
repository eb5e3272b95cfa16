package org.sharpeyes.ingest.auth;

/**
 * Reads the {@code Authorization} header of RFC 6750 §2.1: {@code Bearer <token>}, the scheme in
 * any case, the token a run of {@code token68} characters ({@code A-Z a-z 0-9 - . _ ~ + /} then
 * optional {@code =}), at most {@value #MAX_TOKEN_CHARS} of them. Anything else is {@link
 * Malformed} with a reason fit for a reply (it never echoes the header). Pure and thread-safe;
 * never throws.
 */
public final class BearerCredentials {

  /** Longest token read; a JWT with a few claims is well under 2 KiB. */
  public static final int MAX_TOKEN_CHARS = 8192;

  private static final String SCHEME = "Bearer";

  private BearerCredentials() {}

  /** What the header held. */
  public sealed interface Parsed {}

  /** No {@code Authorization} header, or an empty one. */
  public record Missing() implements Parsed {}

  /** A header that is not {@code Bearer <token>}; {@code reason} says what is wrong. */
  public record Malformed(String reason) implements Parsed {}

  /** The token, still to be checked by the {@link Authenticator}. */
  public record Token(String value) implements Parsed {}

  /**
   * @param header the {@code Authorization} header's value, or {@code null} when there is none
   */
  public static Parsed parse(String header) {
    if (header == null || header.isBlank()) {
      return new Missing();
    }
    if (header.length() > SCHEME.length() + 1 + MAX_TOKEN_CHARS + 16) {
      return new Malformed("the Authorization header is longer than any token this server issues");
    }
    String text = header.strip();
    int space = indexOfWhitespace(text);
    String scheme = space < 0 ? text : text.substring(0, space);
    if (!scheme.equalsIgnoreCase(SCHEME)) {
      return new Malformed("the Authorization header must use the Bearer scheme");
    }
    if (space < 0) {
      return new Malformed("the Authorization header has the Bearer scheme but no token");
    }
    String token = text.substring(space).strip();
    if (token.isEmpty()) {
      return new Malformed("the Authorization header has the Bearer scheme but no token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      return new Malformed("the bearer token is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    if (!isToken68(token)) {
      return new Malformed(
          "the bearer token has characters a token cannot have (one token, no spaces)");
    }
    return new Token(token);
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        return i;
      }
    }
    return -1;
  }

  /**
   * RFC 7235 {@code token68}: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}.
   */
  private static boolean isToken68(String token) {
    int i = 0;
    while (i < token.length() && isToken68Char(token.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return false;
    }
    while (i < token.length() && token.charAt(i) == '=') {
      i++;
    }
    return i == token.length();
  }

  private static boolean isToken68Char(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/';
  }
}
