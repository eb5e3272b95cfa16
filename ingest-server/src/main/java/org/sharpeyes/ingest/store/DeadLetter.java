package org.sharpeyes.ingest.store;

import java.time.Instant;

/**
 * A message that was rejected, kept with its reason so an operator can see what an edge sent.
 *
 * @param id row id; {@code 0} before it is stored
 * @param topic the MQTT topic (cut to 255 characters), or {@code null}
 * @param reason short label, the same as the {@code reason} of {@code
 *     sharpeyes_ingest_rejected_total}
 * @param detail every problem found
 * @param payload the message bytes, possibly cut (see {@code payloadSize})
 * @param payloadSize size of the whole message in bytes
 */
public record DeadLetter(
    long id,
    Instant receivedAt,
    String topic,
    String reason,
    String detail,
    byte[] payload,
    int payloadSize) {

  static final int MAX_TOPIC = 255;
  static final int MAX_DETAIL = 4000;

  /** A new dead letter for {@code payload}, keeping at most {@code maxPayloadBytes} of it. */
  public static DeadLetter of(
      Instant receivedAt,
      String topic,
      String reason,
      String detail,
      byte[] payload,
      int maxPayloadBytes) {
    byte[] bytes = payload == null ? new byte[0] : payload;
    byte[] kept =
        bytes.length <= maxPayloadBytes ? bytes : java.util.Arrays.copyOf(bytes, maxPayloadBytes);
    return new DeadLetter(
        0, receivedAt, cut(topic, MAX_TOPIC), reason, cut(detail, MAX_DETAIL), kept, bytes.length);
  }

  /** Whether {@link #payload()} is only the start of the message. */
  public boolean truncated() {
    return payload != null && payload.length < payloadSize;
  }

  private static String cut(String s, int max) {
    if (s == null) {
      return null;
    }
    // PostgreSQL text cannot hold NUL characters.
    String clean = s.replace("\0", "\\u0000");
    return clean.length() <= max ? clean : clean.substring(0, max);
  }
}
