package org.sharpeyes.schema.codec;

/**
 * Bounds the decoder enforces before it looks at a message's content.
 *
 * @param maxBytes largest accepted message in bytes
 * @param maxDepth deepest accepted JSON nesting
 */
public record CodecLimits(int maxBytes, int maxDepth) {

  public static final int DEFAULT_MAX_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 16;

  public static final CodecLimits DEFAULTS = new CodecLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH);

  public CodecLimits {
    if (maxBytes < 512) {
      throw new IllegalArgumentException("maxBytes must be at least 512, was " + maxBytes);
    }
    if (maxDepth < 4) {
      throw new IllegalArgumentException("maxDepth must be at least 4, was " + maxDepth);
    }
  }
}
