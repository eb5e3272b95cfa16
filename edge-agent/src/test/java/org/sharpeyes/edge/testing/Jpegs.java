package org.sharpeyes.edge.testing;

import java.util.Arrays;

/** JPEG-looking byte arrays for tests (start of image, filler, end of image). */
public final class Jpegs {

  private Jpegs() {}

  public static byte[] ofSize(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 0x42);
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    b[size - 2] = (byte) 0xFF;
    b[size - 1] = (byte) 0xD9;
    return b;
  }
}
