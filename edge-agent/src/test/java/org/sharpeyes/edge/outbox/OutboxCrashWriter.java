package org.sharpeyes.edge.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.sharpeyes.edge.testing.Jpegs;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * The child process of {@link OutboxCrashTest}: offers events to an outbox as fast as it can, up to
 * 64 at a time, and prints {@code ACK <seq> <eventId>} for each one the outbox accepted — the
 * moment a device would get its 2xx. It never stops by itself; the test kills it.
 *
 * <p>Arguments: the outbox file, the number of events to offer.
 */
public final class OutboxCrashWriter {

  private OutboxCrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    OutboxFixture events = new OutboxFixture(file.getParent(), Clock.systemUTC());
    DiskOutbox outbox =
        DiskOutbox.open(
            OutboxFixture.EDGE,
            OutboxConfig.at(file),
            new EventCodec(),
            Clock.systemUTC(),
            writer,
            new SimpleMeterRegistry());
    Semaphore window = new Semaphore(64);
    for (int i = 0; i < count; i++) {
      window.acquire();
      boolean withSnapshot = i % 10 == 0;
      EdgeEvent event = events.event(withSnapshot);
      outbox
          .offer(event, withSnapshot ? Jpegs.ofSize(20_000) : null)
          .whenComplete(
              (result, failure) -> {
                if (result instanceof SinkResult.Accepted a) {
                  synchronized (out) {
                    out.println("ACK " + a.seq() + " " + event.id());
                    out.flush();
                  }
                }
                window.release();
              });
    }
    synchronized (out) {
      out.println("DONE");
      out.flush();
    }
    Thread.currentThread().join();
  }
}
