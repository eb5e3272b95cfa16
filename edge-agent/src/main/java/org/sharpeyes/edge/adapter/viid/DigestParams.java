package org.sharpeyes.edge.adapter.viid;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads the parameters of a {@code Digest} credentials header ({@code name=value, name="v"}). */
final class DigestParams {

  static final int MAX_HEADER_CHARS = 4096;
  static final int MAX_PARAMS = 32;

  private DigestParams() {}

  /**
   * The parameters by lower-case name; {@code null} when the header is not Digest or is malformed.
   * Never throws.
   */
  static Map<String, String> parse(String header) {
    String h = header.strip();
    if (h.length() > MAX_HEADER_CHARS || !h.regionMatches(true, 0, "Digest ", 0, 7)) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    int i = 7;
    int n = h.length();
    while (i < n) {
      while (i < n && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String name = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      String value;
      if (i < n && h.charAt(i) == '"') {
        StringBuilder v = new StringBuilder();
        i++;
        while (i < n && h.charAt(i) != '"') {
          if (h.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          v.append(h.charAt(i++));
        }
        if (i >= n) {
          return null;
        }
        i++;
        value = v.toString();
      } else {
        int end = h.indexOf(',', i);
        end = end < 0 ? n : end;
        value = h.substring(i, end).strip();
        i = end;
      }
      if (name.isEmpty() || out.size() >= MAX_PARAMS) {
        return null;
      }
      out.put(name, value);
    }
    return out;
  }
}
