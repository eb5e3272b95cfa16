package org.sharpeyes.sims.camera;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frame size the camera can play and encode: 64x64 to 3840x2160, both sides even (H.264 in 4:2:0
 * needs them even).
 */
public record FrameSize(int width, int height) {

  public static final FrameSize DEFAULT = new FrameSize(1280, 720);

  private static final Pattern WXH = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

  public FrameSize {
    if (width < 64 || height < 64 || width > 3840 || height > 2160) {
      throw new IllegalArgumentException("must be 64x64..3840x2160, was " + width + "x" + height);
    }
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "must have even sides (H.264 needs them), was " + width + "x" + height);
    }
  }

  /** Reads {@code WxH}, e.g. {@code 1280x720}; the exception's message says what is wrong. */
  public static FrameSize parse(String text) {
    Matcher m = WXH.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("must be WxH, e.g. 1280x720, was '" + text + "'");
    }
    return new FrameSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
