package org.sharpeyes.schema.codec;

/**
 * Finds the first byte sequence that is not well-formed UTF-8, by the rules of the JDK's UTF-8
 * decoder (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut
 * short), without decoding into characters. The decoder used to decode every message into a
 * throw-away {@code CharBuffer} just to learn that it could; this walks the bytes once and
 * allocates nothing. Stateless.
 */
final class Utf8Validation {

  private Utf8Validation() {}

  /**
   * The index where the first malformed sequence starts (where the JDK's decoder stops and reports
   * it), or -1 if all of {@code bytes} is well-formed UTF-8.
   */
  static int firstMalformed(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int lead = b & 0xFF;
      if (lead < 0xC2 || lead > 0xF4) {
        return i; // a continuation byte without a lead, an overlong C0/C1, or no lead at all
      }
      if (lead < 0xE0) {
        if (i + 1 >= n || !continuation(bytes[i + 1])) {
          return i;
        }
        i += 2;
      } else if (lead < 0xF0) {
        if (i + 2 >= n
            || !secondOfThree(lead, bytes[i + 1] & 0xFF)
            || !continuation(bytes[i + 2])) {
          return i;
        }
        i += 3;
      } else {
        if (i + 3 >= n
            || !secondOfFour(lead, bytes[i + 1] & 0xFF)
            || !continuation(bytes[i + 2])
            || !continuation(bytes[i + 3])) {
          return i;
        }
        i += 4;
      }
    }
    return -1;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /** E0 needs A0..BF (else overlong), ED needs 80..9F (else a surrogate). */
  private static boolean secondOfThree(int lead, int second) {
    if (lead == 0xE0) {
      return second >= 0xA0 && second <= 0xBF;
    }
    if (lead == 0xED) {
      return second >= 0x80 && second <= 0x9F;
    }
    return second >= 0x80 && second <= 0xBF;
  }

  /** F0 needs 90..BF (else overlong), F4 needs 80..8F (else above U+10FFFF). */
  private static boolean secondOfFour(int lead, int second) {
    if (lead == 0xF0) {
      return second >= 0x90 && second <= 0xBF;
    }
    if (lead == 0xF4) {
      return second >= 0x80 && second <= 0x8F;
    }
    return second >= 0x80 && second <= 0xBF;
  }
}
