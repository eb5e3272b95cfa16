package org.sharpeyes.sims.viid;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Brings a JPEG up to a wanted size with comment segments ({@code FF FE}) right after the start of
 * image marker, so a picture weighs what a real capture weighs (a checkpoint's scene picture is
 * often 100–500 KB) while it still decodes to the same image.
 */
final class JpegPadding {

  private static final int MAX_SEGMENT_DATA = 65_533; // 65535 minus the two length bytes

  private JpegPadding() {}

  /** {@code jpeg} itself when it is already as large, else a copy of {@code targetBytes}. */
  static byte[] pad(byte[] jpeg, int targetBytes) {
    if (jpeg.length >= targetBytes
        || jpeg.length < 2
        || (jpeg[0] & 0xFF) != 0xFF
        || (jpeg[1] & 0xFF) != 0xD8) {
      return jpeg;
    }
    int missing = targetBytes - jpeg.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(targetBytes);
    out.write(jpeg, 0, 2);
    while (missing >= 4) {
      int data = Math.min(MAX_SEGMENT_DATA, missing - 4);
      out.write(0xFF);
      out.write(0xFE);
      out.write((data + 2) >> 8);
      out.write((data + 2) & 0xFF);
      byte[] filler = new byte[data];
      Arrays.fill(filler, (byte) ' ');
      out.write(filler, 0, data);
      missing -= data + 4;
    }
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }
}
