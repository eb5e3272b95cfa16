package org.sharpeyes.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(registry);

  private double count(String name, String tag, String value) {
    Counter c = registry.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void eachKindIsCountedInItsOwnSeriesOfEachMeter() {
    metrics.received("vehicle.sighted");
    metrics.received("vehicle.sighted");
    metrics.received("door.state");
    metrics.accepted("vehicle.sighted");
    metrics.duplicate("door.state");

    assertThat(count(IngestMetrics.RECEIVED, "type", "vehicle.sighted")).isEqualTo(2);
    assertThat(count(IngestMetrics.RECEIVED, "type", "door.state")).isEqualTo(1);
    assertThat(count(IngestMetrics.ACCEPTED, "type", "vehicle.sighted")).isEqualTo(1);
    assertThat(count(IngestMetrics.DUPLICATE, "type", "door.state")).isEqualTo(1);
    assertThat(count(IngestMetrics.DUPLICATE, "type", "vehicle.sighted")).isZero();
  }

  @Test
  void aMeterAppearsOnlyFromItsFirstCount() {
    assertThat(registry.find(IngestMetrics.REJECTED).counters()).isEmpty();
    assertThat(registry.find("sharpeyes.ingest.snapshots.stored").counters()).isEmpty();

    metrics.rejected("invalid-fields");
    metrics.snapshotStored();
    metrics.snapshotStored();

    assertThat(registry.find(IngestMetrics.REJECTED).counters()).hasSize(1);
    assertThat(count(IngestMetrics.REJECTED, "reason", "invalid-fields")).isEqualTo(1);
    assertThat(registry.get("sharpeyes.ingest.snapshots.stored").counter().count()).isEqualTo(2);
  }

  @Test
  void countsWithoutTagsAddUp() {
    metrics.redeliveryRecognised();
    metrics.seqGapRangesDropped(5);
    metrics.seqGapRangesDropped(2);

    assertThat(registry.get("sharpeyes.ingest.duplicate.recognised").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("sharpeyes.ingest.seq.gap.ranges.dropped").counter().count())
        .isEqualTo(7);
  }

  @Test
  void tagValuesPastTheBoundAreCountedTogetherUnderOther() {
    int extra = 8;
    for (int i = 0; i < IngestMetrics.MAX_TAG_VALUES + extra; i++) {
      metrics.rejected("reason-" + i);
    }
    metrics.rejected("reason-0"); // one that has its own series keeps it

    assertThat(registry.find(IngestMetrics.REJECTED).counters())
        .hasSize(IngestMetrics.MAX_TAG_VALUES + 1);
    assertThat(count(IngestMetrics.REJECTED, "reason", "reason-0")).isEqualTo(2);
    assertThat(count(IngestMetrics.REJECTED, "reason", IngestMetrics.OTHER)).isEqualTo(extra);
    assertThat(count(IngestMetrics.REJECTED, "reason", "reason-" + IngestMetrics.MAX_TAG_VALUES))
        .isZero();
  }

  @Test
  void aNullTagValueIsCountedUnderOtherRatherThanThrown() {
    metrics.received(null);

    assertThat(count(IngestMetrics.RECEIVED, "type", IngestMetrics.OTHER)).isEqualTo(1);
  }

  @Test
  void countsFromManyThreadsAtOnceAreAllKept() throws Exception {
    int threads = 4;
    int each = 10_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    metrics.accepted("face.captured");
                    metrics.snapshotEvicted();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(count(IngestMetrics.ACCEPTED, "type", "face.captured")).isEqualTo(threads * each);
    assertThat(registry.get("sharpeyes.ingest.snapshots.evicted").counter().count())
        .isEqualTo(threads * each);
  }

  @Test
  void latenciesBelowZeroAreRecordedAsZero() {
    metrics.recordLatency(Duration.ofMillis(-5), Duration.ofMillis(20));

    var device = registry.get(IngestMetrics.LATENCY).tag("from", "device").timer();
    var receipt = registry.get(IngestMetrics.LATENCY).tag("from", "receipt").timer();
    assertThat(device.count()).isEqualTo(1);
    assertThat(device.totalTime(TimeUnit.MILLISECONDS)).isZero();
    assertThat(receipt.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20);
  }
}
