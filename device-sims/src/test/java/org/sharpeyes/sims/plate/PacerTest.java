package org.sharpeyes.sims.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.testing.MutableClock;

class PacerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T02:00:00Z"));

  @Test
  void readsFallDueAtTheRate() {
    Pacer pacer = new Pacer(clock, 200);
    pacer.start();

    assertThat(pacer.due()).isZero();
    clock.advance(Duration.ofMillis(10));
    assertThat(pacer.due()).isEqualTo(2);
    clock.advance(Duration.ofMillis(990));
    assertThat(pacer.due()).isEqualTo(200);
  }

  @Test
  void issuedReadsAreNoLongerDueButHeldBackOnesStayDue() {
    Pacer pacer = new Pacer(clock, 100);
    pacer.start();
    clock.advance(Duration.ofMillis(100));

    pacer.issued(4);
    assertThat(pacer.due()).isEqualTo(6);
    clock.advance(Duration.ofMillis(100));
    assertThat(pacer.due()).isEqualTo(16);
    assertThat(pacer.issuedTotal()).isEqualTo(4);
  }

  @Test
  void fractionalRatesAccumulate() {
    Pacer pacer = new Pacer(clock, 0.5);
    pacer.start();
    clock.advance(Duration.ofMillis(1999));
    assertThat(pacer.due()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(pacer.due()).isEqualTo(1);
  }

  @Test
  void aRateOfZeroIsRejected() {
    assertThatThrownBy(() -> new Pacer(clock, 0)).hasMessageContaining("above 0");
  }
}
