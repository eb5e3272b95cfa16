package org.sharpeyes.edge.adapter.camera;

import java.util.Locale;

/** Turns what FFmpeg says about a source into words an installer can act on. */
final class SourceErrors {

  private SourceErrors() {}

  static String describe(String source, Throwable e) {
    String raw = e == null ? "" : String.valueOf(e.getMessage());
    Throwable root = e;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      if (root.getMessage() != null) {
        raw = raw + " / " + root.getMessage();
      }
    }
    String m = raw.toLowerCase(Locale.ROOT);
    java.util.regex.Matcher code = AV_ERROR.matcher(raw);
    if (code.find()) {
      String known = byCode(Long.parseLong(code.group(1)), source);
      if (known != null) {
        return known;
      }
    }
    if (m.contains("401") || m.contains("unauthorized")) {
      return "401 from camera: check the credentials in the source URL";
    }
    if (m.contains("403") || m.contains("forbidden")) {
      return "403 from camera: this user may not read the stream";
    }
    if (m.contains("404") || m.contains("not found")) {
      return "404 from camera: check the stream path in the source URL";
    }
    if (m.contains("connection refused")) {
      return "connection refused by " + hostOf(source) + ": is the camera on and the port right?";
    }
    if (m.contains("timed out") || m.contains("timeout")) {
      return "no answer from " + hostOf(source) + " in time: check the network path";
    }
    if (m.contains("no such file") || m.contains("does not exist")) {
      return "no such file: " + source;
    }
    if (m.contains("no video stream") || m.contains("could not find codec")) {
      return "no video stream in source " + safe(source);
    }
    if (m.contains("invalid data")) {
      return "the source sent data that is not a video stream FFmpeg can read";
    }
    return "cannot read " + safe(source) + ": " + (raw.isBlank() ? "unknown error" : raw);
  }

  private static final java.util.regex.Pattern AV_ERROR =
      java.util.regex.Pattern.compile("error (-\\d+)");

  /** FFmpeg's AVERROR codes: negated errno values, and tags for HTTP statuses. */
  private static String byCode(long code, String source) {
    if (code == -2) {
      return "no such file: " + source;
    }
    if (code == -13) {
      return "permission denied reading " + source;
    }
    if (code == -111) {
      return "connection refused by " + hostOf(source) + ": is the camera on and the port right?";
    }
    if (code == -110) {
      return "no answer from " + hostOf(source) + " in time: check the network path";
    }
    if (code == -113 || code == -101) {
      return "no route to " + hostOf(source) + ": check the network path";
    }
    if (code == httpTag('4', '0', '1')) {
      return "401 from camera: check the credentials in the source URL";
    }
    if (code == httpTag('4', '0', '3')) {
      return "403 from camera: this user may not read the stream";
    }
    if (code == httpTag('4', '0', '4')) {
      return "404 from camera: check the stream path in the source URL";
    }
    if (code == -1094995529L) { // AVERROR_INVALIDDATA
      return "the source sent data that is not a video stream FFmpeg can read";
    }
    return null;
  }

  /** FFmpeg's FFERRTAG(0xF8, a, b, c), negated. */
  private static long httpTag(char a, char b, char c) {
    return -(0xF8L | ((long) a << 8) | ((long) b << 16) | ((long) c << 24));
  }

  /** The source without a password, for logs and status. */
  static String safe(String source) {
    return source.replaceAll("(://[^:/@]+:)[^@/]*@", "$1***@");
  }

  private static String hostOf(String source) {
    int scheme = source.indexOf("://");
    if (scheme < 0) {
      return source;
    }
    String rest = source.substring(scheme + 3);
    int at = rest.indexOf('@');
    if (at >= 0) {
      rest = rest.substring(at + 1);
    }
    int end = rest.indexOf('/');
    return end < 0 ? rest : rest.substring(0, end);
  }
}
