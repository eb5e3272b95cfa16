package org.sharpeyes.sims.plate;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Collects one response body up to a byte limit and drops the rest, so a misbehaving target cannot
 * make the simulator hold large answers. Bodies are decoded as UTF-8.
 */
final class CappedAnswer {

  private final int maxBytes;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private long dropped;

  CappedAnswer(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  HttpResponse.BodyHandler<Void> handler() {
    return info -> BodySubscribers.ofByteArrayConsumer(this::accept);
  }

  private synchronized void accept(Optional<byte[]> chunk) {
    chunk.ifPresent(
        data -> {
          int room = Math.max(0, maxBytes - bytes.size());
          int kept = Math.min(room, data.length);
          bytes.write(data, 0, kept);
          dropped += data.length - kept;
        });
  }

  /** The body as text; ends with {@code …} when it was cut. */
  synchronized String text() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return dropped > 0 ? text + "…" : text;
  }
}
