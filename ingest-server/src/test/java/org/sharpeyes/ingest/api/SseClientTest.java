package org.sharpeyes.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SseClientTest {

  /** A connection whose write buffer the test fills and empties. */
  private static final class FakeSink implements SseClient.Sink {
    final List<String> written = new ArrayList<>();
    boolean full;
    boolean closed;
    Runnable onDrain;

    @Override
    public boolean full() {
      return full;
    }

    @Override
    public void write(String frame) {
      written.add(frame);
    }

    @Override
    public void whenDrained(Runnable r) {
      onDrain = r;
    }

    @Override
    public void close() {
      closed = true;
    }

    void drain() {
      full = false;
      Runnable r = onDrain;
      onDrain = null;
      r.run();
    }
  }

  private final FakeSink sink = new FakeSink();
  private final AtomicInteger overflows = new AtomicInteger();
  private final SseClient client = new SseClient(sink, null, 3, overflows::incrementAndGet);

  @Test
  void framesGoStraightOutWhileTheClientKeepsUp() {
    client.offer("a");
    client.offer("b");

    assertThat(sink.written).containsExactly("a", "b");
    assertThat(client.queued()).isZero();
  }

  @Test
  void framesWaitWhileTheConnectionIsFullAndLeaveInOrderWhenItDrains() {
    sink.full = true;
    client.offer("a");
    client.offer("b");
    assertThat(sink.written).isEmpty();
    assertThat(client.queued()).isEqualTo(2);

    sink.drain();
    client.offer("c");

    assertThat(sink.written).containsExactly("a", "b", "c");
    assertThat(overflows).hasValue(0);
  }

  @Test
  void aClientThatFallsMoreThanItsQueueBehindIsDisconnectedOnceAndCounted() {
    sink.full = true;
    for (String f : List.of("a", "b", "c")) {
      client.offer(f);
    }
    assertThat(sink.closed).isFalse();

    client.offer("d");
    client.offer("e");

    assertThat(sink.closed).isTrue();
    assertThat(overflows).hasValue(1);
    assertThat(client.queued()).isZero();
    sink.full = false;
    client.offer("f");
    assertThat(sink.written).isEmpty();
  }

  @Test
  void heartbeatsAreSentOnlyWhenNothingIsWaiting() {
    client.heartbeat();
    assertThat(sink.written).containsExactly(SseClient.HEARTBEAT);

    sink.full = true;
    client.offer("a");
    client.heartbeat();
    sink.drain();

    assertThat(sink.written).containsExactly(SseClient.HEARTBEAT, "a");
  }
}
