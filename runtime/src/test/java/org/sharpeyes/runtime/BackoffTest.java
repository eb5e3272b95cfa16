package org.sharpeyes.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  static final Backoff.Bounds HALF_SECOND_TO_THIRTY =
      new Backoff.Bounds(Duration.ofMillis(500), Duration.ofSeconds(30));
  static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static Backoff backoff(long seed) {
    return new Backoff(HALF_SECOND_TO_THIRTY, new Random(seed), CLOCK);
  }

  @Test
  void theCeilingDoublesFromTheInitialDelayUntilItReachesTheCap() {
    Backoff backoff = backoff(42);

    List<Long> ceilings =
        IntStream.range(0, 9).mapToObj(n -> backoff.ceiling(n).toMillis()).toList();

    assertThat(ceilings)
        .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
    assertThat(backoff.ceiling(10_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void delaysAreSpreadOverTheWholeRangeBelowTheCeiling() {
    Backoff backoff = backoff(42);

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
    Backoff backoff = backoff(7);

    Set<Long> delays = new HashSet<>();
    for (int failures = 0; failures < 200; failures++) {
      delays.add(backoff.delayAfter(failures).toMillis());
    }

    assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, 30_000L));
    assertThat(delays).hasSizeGreaterThan(150);
  }

  @Test
  void theSameSeedGivesTheSameDelaysSoTheScheduleIsReproducible() {
    Backoff a = backoff(99);
    Backoff b = backoff(99);

    for (int failures = 0; failures < 20; failures++) {
      assertThat(a.delayAfter(failures)).isEqualTo(b.delayAfter(failures));
    }
  }

  @Test
  void consecutiveFailuresRaiseTheCeilingAndASuccessStartsAgainFromTheInitialDelay() {
    Backoff backoff = backoff(5);

    for (int i = 0; i < 6; i++) {
      assertThat(backoff.failed()).isLessThanOrEqualTo(backoff.ceiling(i));
    }
    assertThat(backoff.failures()).isEqualTo(6);

    backoff.succeeded();

    assertThat(backoff.failures()).isZero();
    assertThat(backoff.nextAttempt()).isNull();
    assertThat(backoff.failed()).isLessThanOrEqualTo(Duration.ofMillis(500));
  }

  @Test
  void theNextAttemptIsTheDelayAfterNowOnTheInjectedClock() {
    Backoff backoff = backoff(11);

    Duration delay = backoff.failed();

    assertThat(backoff.nextAttempt()).isEqualTo(NOW.plus(delay));
  }

  @Test
  void boundsRefuseAZeroStartAndACapBelowTheStart() {
    assertThatThrownBy(() -> new Backoff.Bounds(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initialDelay");
    assertThatThrownBy(() -> new Backoff.Bounds(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least initialDelay");
  }
}
