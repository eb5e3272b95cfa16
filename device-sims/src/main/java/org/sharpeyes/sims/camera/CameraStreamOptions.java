package org.sharpeyes.sims.camera;

/**
 * Where and how a {@link CameraSimulator} serves its streams. Setters fail fast with a sentence
 * that says what is allowed.
 */
public final class CameraStreamOptions {

  public static final String DEFAULT_MJPEG_PATH = "/stream.mjpeg";
  public static final String DEFAULT_TS_PATH = "/stream.ts";
  public static final int DEFAULT_MAX_TS_VIEWERS = 8;
  public static final int MAX_TS_VIEWERS = 64;
  public static final int DEFAULT_TS_VIEWER_BUFFER_BYTES = 2 * 1024 * 1024;

  private String mjpegPath = DEFAULT_MJPEG_PATH;
  private String tsPath = DEFAULT_TS_PATH;
  private int maxTsViewers = DEFAULT_MAX_TS_VIEWERS;
  private int tsViewerBufferBytes = DEFAULT_TS_VIEWER_BUFFER_BYTES;

  /** URL path of the MJPEG stream (default {@value #DEFAULT_MJPEG_PATH}). */
  public CameraStreamOptions setMjpegPath(String path) {
    requirePath("the MJPEG path", path);
    if (path.equals(tsPath)) {
      throw new IllegalArgumentException("the MJPEG path must differ from the TS path " + tsPath);
    }
    this.mjpegPath = path;
    return this;
  }

  /** URL path of the H.264 MPEG-TS stream; must end in .ts (default {@value #DEFAULT_TS_PATH}). */
  public CameraStreamOptions setTsPath(String path) {
    requirePath("the TS path", path);
    if (!path.endsWith(".ts")) {
      throw new IllegalArgumentException("the TS path must end in .ts, was " + path);
    }
    if (path.equals(mjpegPath)) {
      throw new IllegalArgumentException("the TS path must differ from the MJPEG path " + path);
    }
    this.tsPath = path;
    return this;
  }

  /**
   * Viewers of the TS stream at once, 1..{@value #MAX_TS_VIEWERS} (default {@value
   * #DEFAULT_MAX_TS_VIEWERS}); each has an encoder of its own, so each costs CPU. One more gets
   * 503.
   */
  public CameraStreamOptions setMaxTsViewers(int max) {
    if (max < 1 || max > MAX_TS_VIEWERS) {
      throw new IllegalArgumentException(
          "the TS viewer limit must be 1.." + MAX_TS_VIEWERS + ", was " + max);
    }
    this.maxTsViewers = max;
    return this;
  }

  /**
   * Encoded bytes that may wait to be sent to one TS viewer (default 2 MiB, several seconds of
   * video); a viewer with more waiting is too far behind and is cut off.
   */
  public CameraStreamOptions setTsViewerBufferBytes(int bytes) {
    if (bytes < 16 * 1024) {
      throw new IllegalArgumentException(
          "the TS viewer buffer must be at least 16 KiB, was " + bytes + " bytes");
    }
    this.tsViewerBufferBytes = bytes;
    return this;
  }

  public String mjpegPath() {
    return mjpegPath;
  }

  public String tsPath() {
    return tsPath;
  }

  public int maxTsViewers() {
    return maxTsViewers;
  }

  public int tsViewerBufferBytes() {
    return tsViewerBufferBytes;
  }

  private static void requirePath(String what, String path) {
    if (path == null || !path.startsWith("/") || path.contains("?") || path.contains(" ")) {
      throw new IllegalArgumentException(
          what + " must start with / and have no spaces or query, was " + path);
    }
  }
}
