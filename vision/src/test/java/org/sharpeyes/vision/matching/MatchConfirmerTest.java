package org.sharpeyes.vision.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchConfirmerTest {

  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
  private static final FaceMatcher.Match ZHANG = new FaceMatcher.Match("p-zhang", 0.7, 0.6);
  private static final FaceMatcher.Match ZHANG_BETTER = new FaceMatcher.Match("p-zhang", 0.8, 0.6);
  private static final FaceMatcher.Match LI = new FaceMatcher.Match("p-li", 0.9, 0.6);

  /** 3 of the last 5 frames within 2 s; one announcement per person per minute. */
  private final MatchConfirmer confirmer =
      new MatchConfirmer(3, 5, Duration.ofSeconds(2), Duration.ofMinutes(1), 100);

  private List<MatchConfirmer.Confirmed> frame(long millis, FaceMatcher.Match... matches) {
    return confirmer.onFrame(T0.plusMillis(millis), List.of(matches));
  }

  @Test
  void aPersonIsNamedOnTheThirdAgreeingFrameWithTheBestSimilaritySeen() {
    assertThat(frame(0, ZHANG)).isEmpty();
    assertThat(frame(200)).isEmpty();
    assertThat(frame(400, ZHANG_BETTER)).isEmpty();

    assertThat(frame(600, ZHANG))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.personId()).isEqualTo("p-zhang");
              assertThat(c.similarity()).isEqualTo(0.8);
              assertThat(c.framesAgreeing()).isEqualTo(3);
            });
  }

  @Test
  void matchesSpreadWiderThanTheFramesOrTheWindowNameNobody() {
    // Three matches, but never three within the last five frames.
    frame(0, ZHANG);
    for (int i = 1; i <= 4; i++) {
      frame(i * 100L);
    }
    frame(500, ZHANG);
    assertThat(frame(600, ZHANG)).isEmpty();

    // Three in a row, but spread over more than two seconds.
    MatchConfirmer slow = new MatchConfirmer(3, 5, Duration.ofSeconds(2), Duration.ofMinutes(1), 9);
    slow.onFrame(T0, List.of(LI));
    slow.onFrame(T0.plusMillis(1500), List.of(LI));
    assertThat(slow.onFrame(T0.plusMillis(3000), List.of(LI))).isEmpty();
  }

  @Test
  void aConfirmedPersonIsAnnouncedOncePerCooldownAndTheRepeatsAreCounted() {
    frame(0, ZHANG, LI);
    frame(100, ZHANG, LI);
    assertThat(frame(200, ZHANG, LI))
        .extracting(MatchConfirmer.Confirmed::personId)
        .containsExactlyInAnyOrder("p-zhang", "p-li");

    assertThat(frame(300, ZHANG)).isEmpty();
    assertThat(frame(400, ZHANG)).isEmpty();
    assertThat(confirmer.suppressed()).isEqualTo(2);

    long afterCooldown = Duration.ofMinutes(1).toMillis() + 300;
    frame(afterCooldown, ZHANG);
    frame(afterCooldown + 100, ZHANG);
    assertThat(frame(afterCooldown + 200, ZHANG))
        .extracting(MatchConfirmer.Confirmed::personId)
        .containsExactly("p-zhang");
  }
}
