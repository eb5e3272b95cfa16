package org.sharpeyes.sims.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.testing.MutableClock;

class AlertMatcherTest {

  private static final Instant T0 = Instant.parse("2026-11-27T02:00:00Z");

  private final LatencySamples latency = new LatencySamples(100);
  private final AlertMatcher matcher = new AlertMatcher(100, latency);

  private static String alert(String id, String first, String last) {
    return "{\"id\":\""
        + id
        + "\",\"rule\":\"plate-hotlist\",\"subjectKey\":\"湘J38J91\",\"count\":1,"
        + "\"firstEventId\":\""
        + first
        + "\",\"lastEventId\":\""
        + last
        + "\"}";
  }

  @Test
  void aFirstSightingAlertIsMatchedOnFirstEventIdWithItsLatency() {
    matcher.readAccepted("e1", "湘J38J91", T0);
    matcher.alertArrived(alert("a1", "e1", "e1"), T0.plusMillis(40));

    AlertMatcher.MatchResult result = matcher.result();
    assertThat(result.matched()).isEqualTo(1);
    assertThat(result.missing()).isZero();
    assertThat(result.distinctAlerts()).isEqualTo(1);
    assertThat(latency.summary().maxMicros()).isEqualTo(40_000);
  }

  @Test
  void aRepeatIsMatchedOnTheUpdatesLastEventId() {
    matcher.readAccepted("e1", "湘J38J91", T0);
    matcher.readAccepted("e2", "湘J38J91", T0.plusMillis(100));
    matcher.alertArrived(alert("a1", "e1", "e1"), T0.plusMillis(10));
    matcher.alertArrived(alert("a1", "e1", "e2"), T0.plusMillis(130));

    AlertMatcher.MatchResult result = matcher.result();
    assertThat(result.matched()).isEqualTo(2);
    assertThat(result.distinctAlerts()).isEqualTo(1);
    assertThat(latency.summary().maxMicros()).isEqualTo(30_000);
  }

  @Test
  void anAlertThatOvertakesTheEdgeAnswerIsStillMatched() {
    matcher.alertArrived(alert("a1", "e1", "e1"), T0.plusMillis(5));
    matcher.readAccepted("e1", "湘J38J91", T0);

    AlertMatcher.MatchResult result = matcher.result();
    assertThat(result.matched()).isEqualTo(1);
    assertThat(result.unmatchedEvents()).isZero();
    assertThat(latency.summary().maxMicros()).isEqualTo(5_000);
  }

  @Test
  void aReadWithoutAnyAlertIsMissing() {
    matcher.readAccepted("e1", "湘J38J91", T0);

    AlertMatcher.MatchResult result = matcher.result();
    assertThat(result.missing()).isEqualTo(1);
    assertThat(result.missingSample()).containsExactly("湘J38J91 e1");
  }

  @Test
  void aRepeatFoldedIntoALaterUpdateIsNotMissing() {
    matcher.readAccepted("e1", "湘J38J91", T0);
    matcher.readAccepted("e2", "湘J38J91", T0.plusMillis(1));
    matcher.readAccepted("e3", "湘J38J91", T0.plusMillis(2));
    matcher.alertArrived(alert("a1", "e1", "e1"), T0.plusMillis(10));
    matcher.alertArrived(alert("a1", "e1", "e3"), T0.plusMillis(20));

    AlertMatcher.MatchResult result = matcher.result();
    assertThat(result.matched()).isEqualTo(2);
    assertThat(result.folded()).isEqualTo(1);
    assertThat(result.missing()).isZero();
  }

  @Test
  void alertsOfOtherTrafficAndUnreadableDataAreCountedApart() {
    matcher.alertArrived(alert("a9", "other", "other"), T0);
    matcher.alertArrived("not json", T0);
    matcher.alertArrived("[1,2]", T0);

    AlertMatcher.MatchResult result = matcher.result();
    assertThat(result.alertEvents()).isEqualTo(3);
    assertThat(result.unmatchedEvents()).isEqualTo(1);
    assertThat(result.unreadableEvents()).isEqualTo(2);
    assertThat(result.matched()).isZero();
  }

  @Test
  void readsPastTheTrackingLimitAreCountedAsUntracked() {
    AlertMatcher small = new AlertMatcher(2, latency);
    small.readAccepted("e1", "湘JA0001", T0);
    small.readAccepted("e2", "湘JA0002", T0);
    small.readAccepted("e3", "湘JA0003", T0);

    assertThat(small.result().untracked()).isEqualTo(1);
    assertThat(small.result().missing()).isEqualTo(2);
  }

  @Test
  void waitingEndsAsSoonAsEveryReadHasItsAlert() throws Exception {
    MutableClock clock = new MutableClock(T0);
    matcher.readAccepted("e1", "湘J38J91", T0);
    matcher.alertArrived(alert("a1", "e1", "e1"), T0);

    assertThat(matcher.awaitSettled(clock, Duration.ofMillis(1))).isTrue();
  }

  @Test
  void waitingGivesUpWhenTheTimeoutPassesOnTheClock() {
    MutableClock clock = new MutableClock(T0);
    matcher.readAccepted("e1", "湘J38J91", T0);

    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return matcher.awaitSettled(clock, Duration.ofSeconds(10));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              clock.advance(Duration.ofSeconds(1));
              return waiting.isDone();
            });

    assertThat(waiting.join()).isFalse();
  }
}
