package org.sharpeyes.ingest.workflow;

import java.util.Base64;

/** The photo of a report back: base64 in the request, JPEG or PNG. */
public final class Photos {

  private Photos() {}

  /** The bytes of base64 text (a {@code data:} URL's prefix is allowed); {@code null} if not. */
  public static byte[] decode(String base64) {
    String data = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64;
    try {
      return Base64.getMimeDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code image/png} for PNG bytes, {@code image/jpeg} otherwise. */
  public static String contentType(byte[] bytes) {
    return bytes.length > 3 && (bytes[0] & 0xff) == 0x89 ? "image/png" : "image/jpeg";
  }

  static boolean isJpegOrPng(byte[] b) {
    boolean jpeg = b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8;
    boolean png =
        b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    return jpeg || png;
  }
}
