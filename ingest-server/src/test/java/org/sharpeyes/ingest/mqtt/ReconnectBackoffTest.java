package org.sharpeyes.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

  private final ReconnectBackoff backoff =
      new ReconnectBackoff(
          Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(42));

  @Test
  void delayDoublesFromTheMinimumWithJitterOfAtMostHalf() {
    for (int attempt = 0; attempt < 6; attempt++) {
      long base = 500L << attempt;
      assertThat(backoff.delay(attempt).toMillis()).isBetween(base / 2, base);
    }
  }

  @Test
  void delayNeverExceedsTheCapEvenAfterManyAttempts() {
    for (int attempt = 6; attempt < 200; attempt += 7) {
      assertThat(backoff.delay(attempt).toMillis()).isBetween(15_000L, 30_000L);
    }
  }

  @Test
  void jitterSpreadsServersThatFailTogether() {
    long distinct =
        java.util.stream.IntStream.range(0, 20)
            .mapToLong(i -> backoff.delay(4).toMillis())
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(10);
  }
}
