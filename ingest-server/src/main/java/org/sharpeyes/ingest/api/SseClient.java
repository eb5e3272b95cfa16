package org.sharpeyes.ingest.api;

import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One live-feed connection with a bounded queue. Frames go straight to the connection while it
 * keeps up; while its write buffer is full they wait in the queue; a client that lets more than
 * {@code maxQueued} frames wait is disconnected (the {@code onOverflow} callback counts it), so a
 * stalled client cannot hold memory or slow anyone else.
 *
 * <p>Confined to the event loop of the connection: every method must be called there.
 */
final class SseClient {

  /** Where frames are written; the HTTP response in production, a fake in tests. */
  interface Sink {
    /** True while the connection's write buffer is full. */
    boolean full();

    void write(String frame);

    /** Calls {@code r} once the write buffer has room again. */
    void whenDrained(Runnable r);

    /** Drops the connection at once, without flushing what is queued. */
    void close();

    static Sink of(HttpServerResponse response) {
      return new Sink() {
        @Override
        public boolean full() {
          return response.writeQueueFull();
        }

        @Override
        public void write(String frame) {
          response.write(frame);
        }

        @Override
        public void whenDrained(Runnable r) {
          response.drainHandler(v -> r.run());
        }

        @Override
        public void close() {
          response.reset();
        }
      };
    }
  }

  static final String HEARTBEAT = ": heartbeat\n\n";

  private final Sink sink;
  private final String regionCode;
  private final int maxQueued;
  private final Runnable onOverflow;
  private final Deque<String> queue = new ArrayDeque<>();
  private boolean closed;

  /**
   * @param regionCode only alerts in this region's subtree are sent; {@code null} for all (a
   *     city-wide caller who asked for no region)
   */
  SseClient(Sink sink, String regionCode, int maxQueued, Runnable onOverflow) {
    this.sink = sink;
    this.regionCode = regionCode;
    this.maxQueued = maxQueued;
    this.onOverflow = onOverflow;
  }

  String regionCode() {
    return regionCode;
  }

  void offer(String frame) {
    if (closed) {
      return;
    }
    if (queue.isEmpty() && !sink.full()) {
      sink.write(frame);
      return;
    }
    if (queue.size() >= maxQueued) {
      closed = true;
      queue.clear();
      sink.close();
      onOverflow.run();
      return;
    }
    queue.addLast(frame);
    sink.whenDrained(this::drain);
  }

  /** A keep-alive comment, skipped while frames are waiting (the client is busy anyway). */
  void heartbeat() {
    if (!closed && queue.isEmpty() && !sink.full()) {
      sink.write(HEARTBEAT);
    }
  }

  /** Stops sending; queued frames are dropped. */
  void markClosed() {
    closed = true;
    queue.clear();
  }

  int queued() {
    return queue.size();
  }

  private void drain() {
    while (!closed && !queue.isEmpty() && !sink.full()) {
      sink.write(queue.pollFirst());
    }
    if (!closed && !queue.isEmpty()) {
      sink.whenDrained(this::drain);
    }
  }
}
