package org.sharpeyes.sims.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTrafficTest {

  private static final Instant START = Instant.parse("2026-11-27T02:00:00Z");

  /** Plays {@code seconds} of traffic, one advance per 100 ms of simulated time. */
  private static List<AccessEvent> play(long seed, double forced, double held, int seconds) {
    GateSimulatorOptions options = GateSimulatorOptions.builder().doors(4).build();
    DoorBank bank = new DoorBank(options.deviceIds());
    List<AccessEvent> events = new ArrayList<>();
    bank.addListener(events::add);
    GateTraffic traffic =
        new GateTraffic(bank, CredentialList.builtIn(), 5, seed, forced, held, 0.1, START);
    for (int tick = 1; tick <= seconds * 10; tick++) {
      traffic.advanceTo(START.plus(Duration.ofMillis(100L * tick)));
    }
    return events;
  }

  private static List<String> described(List<AccessEvent> events) {
    return events.stream().map(e -> e.time() + " " + e.describe()).toList();
  }

  @Test
  void theSameSeedGivesTheSameSequenceOfPresentationsDoorsAndResults() {
    List<AccessEvent> first = play(7, 0.05, 0.1, 60);
    List<AccessEvent> second = play(7, 0.05, 0.1, 60);

    assertThat(described(second)).isEqualTo(described(first));
    // 300 slots in 60 s at 5/s; a slot that forces a door presents nothing.
    assertThat(first.stream().filter(e -> e.kind() == AccessEvent.Kind.CREDENTIAL))
        .hasSizeBetween(270, 300);
    assertThat(first).extracting(AccessEvent::door).contains(1, 2, 3, 4);
    assertThat(first)
        .filteredOn(e -> e.kind() == AccessEvent.Kind.CREDENTIAL)
        .extracting(AccessEvent::result)
        .contains("granted", "denied");
    assertThat(described(play(8, 0.05, 0.1, 60))).isNotEqualTo(described(first));
  }

  @Test
  void presentationsComeAtTheRateAndEachIsStampedWithItsDueTimeWhateverTheTicks() {
    GateSimulatorOptions options = GateSimulatorOptions.builder().doors(2).build();
    DoorBank bank = new DoorBank(options.deviceIds());
    List<AccessEvent> events = new ArrayList<>();
    bank.addListener(events::add);
    GateTraffic traffic = new GateTraffic(bank, CredentialList.builtIn(), 2, 7, 0, 0, 0, START);

    traffic.advanceTo(START.plusSeconds(3));

    assertThat(events)
        .filteredOn(e -> e.kind() == AccessEvent.Kind.CREDENTIAL)
        .extracting(AccessEvent::time)
        .containsExactly(
            START.plusMillis(500),
            START.plusMillis(1000),
            START.plusMillis(1500),
            START.plusMillis(2000),
            START.plusMillis(2500),
            START.plusMillis(3000));
  }

  @Test
  void grantedDoorsOpenAndCloseWhileSomeAreForcedOrHeldOpenAndCloseAgain() {
    List<AccessEvent> events = play(11, 0.1, 0.3, 120);

    List<AccessEvent> moves =
        events.stream().filter(e -> e.kind() == AccessEvent.Kind.STATE).toList();
    assertThat(moves)
        .extracting(AccessEvent::state)
        .contains(DoorState.OPEN, DoorState.FORCED, DoorState.HELD_OPEN, DoorState.CLOSED);
    for (AccessEvent forced : moves.stream().filter(e -> e.state() == DoorState.FORCED).toList()) {
      assertThat(moves)
          .filteredOn(e -> e.door() == forced.door() && e.sequence() > forced.sequence())
          .first()
          .satisfies(
              next -> {
                assertThat(next.state()).isEqualTo(DoorState.CLOSED);
                assertThat(next.time()).isEqualTo(forced.time().plus(GateTraffic.FORCED_FOR));
              });
    }
    assertThat(events)
        .filteredOn(e -> e.kind() == AccessEvent.Kind.CREDENTIAL && !e.decision().granted())
        .extracting(AccessEvent::denyReason)
        .contains("unknown-credential", "expired");
  }
}
