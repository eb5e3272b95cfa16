package org.sharpeyes.schema.codec;

/** Why a message was rejected; the lower-case name is the {@code reason} label of the metrics. */
public enum RejectReason {
  /** Larger than {@link CodecLimits#maxBytes()}. */
  OVERSIZE,
  /** Not valid UTF-8. */
  NOT_UTF8,
  /** Not parseable as a JSON object. */
  MALFORMED_JSON,
  /** Nested deeper than {@link CodecLimits#maxDepth()}. */
  TOO_DEEP,
  /** A {@code type} this version does not know. */
  UNKNOWN_TYPE,
  /** Envelope or data fields missing or of the wrong type or range. */
  INVALID_FIELDS,
  /** Valid on its own but inconsistent with where it came from (e.g. topic vs. edge id). */
  WRONG_TOPIC;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
