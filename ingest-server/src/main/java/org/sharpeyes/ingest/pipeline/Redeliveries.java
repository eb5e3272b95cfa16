package org.sharpeyes.ingest.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recognises a redelivery of a recently stored event before it is decoded: the same bytes on the
 * same topic as an event this server stored (or found already stored) a moment ago. A broker that
 * restarts from an older save of its state, or an edge that publishes again what it had in flight
 * when its connection dropped, sends thousands of such copies at once; decoding and validating each
 * (a few hundred microseconds) only to have the store call it a duplicate made every broker restart
 * cost the server seconds of work. A copy recognised here costs one SHA-256 of its bytes (the JDK
 * uses the CPU's SHA instructions where it has them), digested into a buffer kept for the purpose.
 *
 * <p>Only byte-identical copies are recognised: an edge never changes what it sends under an event
 * id, so anything else with a known id still goes the whole way and the store decides. The memory
 * is bounded ({@code capacity} fingerprints of 16 bytes, oldest forgotten first); a copy that comes
 * after its event was forgotten, or after a server restart, is decoded and found by the store, as
 * before. Confined to the ingest worker's thread.
 */
final class Redeliveries {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final Map<Fingerprint, String> stored;
  private final MessageDigest sha256;
  private final byte[] digest = new byte[32];

  /**
   * @param capacity fingerprints kept; at the server's rate of a few thousand events a second, the
   *     default of 65 536 covers the last tens of seconds, the span of a broker's redelivery
   */
  Redeliveries(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.stored =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Fingerprint, String> eldest) {
            return size() > capacity;
          }
        };
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The fingerprint of one message, to look up now and to remember once it is stored. */
  Fingerprint fingerprint(InboundMessage message) {
    sha256.reset(); // in case the last call stopped half way (a message without payload)
    sha256.update(message.topic().getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
    sha256.update(message.payload());
    try {
      sha256.digest(digest, 0, digest.length);
    } catch (DigestException e) {
      throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
    }
    return new Fingerprint((long) LONGS.get(digest, 0), (long) LONGS.get(digest, 8));
  }

  /** The event type of a stored event these exact bytes are a copy of, or {@code null}. */
  String storedKind(Fingerprint fingerprint) {
    return stored.get(fingerprint);
  }

  /** Remembers that the event with these bytes, of type {@code kind}, is in the store. */
  void remember(Fingerprint fingerprint, String kind) {
    stored.put(fingerprint, kind);
  }

  int size() {
    return stored.size();
  }

  /** The first 128 bits of a SHA-256 over topic and payload. */
  record Fingerprint(long high, long low) {}
}
