package org.sharpeyes.edge.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

  static final ReconnectConfig HALF_SECOND_TO_THIRTY =
      new ReconnectConfig(Duration.ofMillis(500), Duration.ofSeconds(30));

  @Test
  void theCeilingDoublesFromTheInitialDelayUntilItReachesTheCap() {
    ReconnectBackoff backoff = new ReconnectBackoff(HALF_SECOND_TO_THIRTY, new Random(42));

    List<Long> ceilings =
        IntStream.range(0, 9).mapToObj(n -> backoff.ceiling(n).toMillis()).toList();

    assertThat(ceilings)
        .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
    assertThat(backoff.ceiling(10_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void delaysAreSpreadOverTheWholeRangeBelowTheCeiling() {
    ReconnectBackoff backoff = new ReconnectBackoff(HALF_SECOND_TO_THIRTY, new Random(42));

    List<Long> delays =
        IntStream.range(0, 2000).mapToObj(i -> backoff.delayAfter(3).toMillis()).toList();

    assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, 4000L));
    assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(100);
    assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(3900);
    assertThat(delays.stream().mapToLong(Long::longValue).average().orElseThrow())
        .isBetween(1800.0, 2200.0);
  }

  @Test
  void delaysNeverExceedTheCapHoweverManyFailures() {
    ReconnectBackoff backoff = new ReconnectBackoff(HALF_SECOND_TO_THIRTY, new Random(7));

    Set<Long> delays = new HashSet<>();
    for (int failures = 0; failures < 200; failures++) {
      delays.add(backoff.delayAfter(failures).toMillis());
    }

    assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, 30_000L));
    assertThat(delays).hasSizeGreaterThan(150);
  }

  @Test
  void theSameSeedGivesTheSameDelaysSoTheScheduleIsReproducible() {
    ReconnectBackoff a = new ReconnectBackoff(HALF_SECOND_TO_THIRTY, new Random(99));
    ReconnectBackoff b = new ReconnectBackoff(HALF_SECOND_TO_THIRTY, new Random(99));

    for (int n = 0; n < 20; n++) {
      assertThat(a.delayAfter(n)).isEqualTo(b.delayAfter(n));
    }
  }
}
