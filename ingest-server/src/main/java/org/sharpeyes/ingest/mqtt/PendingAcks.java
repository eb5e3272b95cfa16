package org.sharpeyes.ingest.mqtt;

import io.vertx.core.Context;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.sharpeyes.ingest.pipeline.InboundMessage;

/**
 * Acknowledgements asked for on worker threads, carried over to the intake's event loop, where the
 * PUBACKs are written. The client's acknowledgement is not meant to be called from another thread
 * (it reads the client's connection field and marks the message unsynchronised), and on the loop
 * the check that the message's connection is still the current one cannot race with a reconnect. A
 * worker acknowledges a whole batch after its commit: the batch is carried over in one task, not
 * one task per message. Thread-safe.
 */
final class PendingAcks {

  private final Queue<InboundMessage> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Context loop;
  private final Consumer<InboundMessage> onLoop;
  private final Consumer<InboundMessage> notCarried;

  /**
   * @param loop where {@code onLoop} runs
   * @param onLoop sends one acknowledgement, on the loop
   * @param notCarried told of an acknowledgement that cannot reach the loop (it is closed)
   */
  PendingAcks(Context loop, Consumer<InboundMessage> onLoop, Consumer<InboundMessage> notCarried) {
    this.loop = loop;
    this.onLoop = onLoop;
    this.notCarried = notCarried;
  }

  /** Queues an acknowledgement for the loop; returns at once. */
  void add(InboundMessage message) {
    waiting.add(message);
    if (scheduled.compareAndSet(false, true)) {
      try {
        loop.runOnContext(v -> drain());
      } catch (RuntimeException closed) {
        scheduled.set(false);
        discard();
      }
    }
  }

  /** Sends every acknowledgement queued so far; on the loop only. */
  void drain() {
    scheduled.set(false);
    InboundMessage m;
    while ((m = waiting.poll()) != null) {
      onLoop.accept(m);
    }
  }

  /** Gives up the acknowledgements queued so far (after the loop was closed). */
  void discard() {
    InboundMessage m;
    while ((m = waiting.poll()) != null) {
      notCarried.accept(m);
    }
  }
}
