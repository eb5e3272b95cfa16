package org.sharpeyes.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.edge.outbox.OutboxFixture.seqs;
import static org.sharpeyes.edge.outbox.OutboxFixture.takeAll;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many offers at once, as from a busy checkpoint, under three sync delays; logs the write rate seen
 * (figures only, not asserted: they depend on the disk).
 */
class OutboxThroughputTest {

  private static final Logger log = LoggerFactory.getLogger(OutboxThroughputTest.class);

  static final int EVENTS = 20_000;
  static final int CONCURRENT = 64;

  @ParameterizedTest(name = "maxDelay {0}ms")
  @ValueSource(ints = {0, 2, 20})
  void manyOffersAtOnceAreAllStoredNumberedInTheOrderTheyCame(int maxDelayMs, @TempDir Path dir)
      throws Exception {
    try (OutboxFixture fixture = new OutboxFixture(dir, Clock.systemUTC())) {
      OutboxConfig config =
          fixture.config().withSync(new SyncPolicy(256, Duration.ofMillis(maxDelayMs)));
      DiskOutbox outbox = fixture.open(config);
      Semaphore window = new Semaphore(CONCURRENT);
      List<SinkResult> results = new CopyOnWriteArrayList<>();
      List<CompletableFuture<SinkResult>> answers = new CopyOnWriteArrayList<>();

      long start = System.nanoTime();
      for (int i = 0; i < EVENTS; i++) {
        window.acquire();
        answers.add(
            outbox
                .offer(fixture.event(), null)
                .whenComplete(
                    (r, e) -> {
                      results.add(r);
                      window.release();
                    })
                .toCompletableFuture());
      }
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      long micros = (System.nanoTime() - start) / 1000;

      assertThat(results).hasSize(EVENTS).allMatch(r -> r instanceof SinkResult.Accepted);
      assertThat(seqs(takeAll(outbox)))
          .containsExactlyElementsOf(LongStream.rangeClosed(1, EVENTS).boxed().toList());
      var batches = fixture.meters().get("sharpeyes.edge.outbox.batch").summary();
      var commits = fixture.meters().get("sharpeyes.edge.outbox.commit").timer();
      log.info(
          "outbox write throughput, {} events, {} offers at a time, maxBatch 256, maxDelay {}ms:"
              + " {} events/s; {} batches of {} events on average; {} ms per commit on average",
          EVENTS,
          CONCURRENT,
          maxDelayMs,
          EVENTS * 1_000_000L / Math.max(1, micros),
          (long) batches.count(),
          Math.round(batches.mean()),
          String.format("%.2f", commits.mean(TimeUnit.MICROSECONDS) / 1000));
    }
  }
}
