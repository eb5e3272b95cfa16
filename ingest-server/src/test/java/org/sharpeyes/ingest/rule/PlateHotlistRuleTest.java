package org.sharpeyes.ingest.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.schema.event.DoorState;
import org.sharpeyes.schema.event.EdgeEvent;

class PlateHotlistRuleTest {

  private static final Instant DEMO_DAY = Instant.parse("2026-11-27T08:00:00Z");

  private final PlateHotlistRule rule = new PlateHotlistRule();

  @Test
  void hotlistedPlateRaisesAnAlertWithTheEntrysSeverityAndReason() {
    AlertCandidate alert = evaluate("湘J38J91", DEMO_DAY).orElseThrow();

    assertThat(alert.rule()).isEqualTo("plate-hotlist");
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.subjectType()).isEqualTo(SubjectType.PLATE);
    assertThat(alert.subjectKey()).isEqualTo("湘J38J91");
    assertThat(alert.reason()).isEqualTo("涉案车辆");
    assertThat(alert.personId()).isNull();
    assertThat(evaluate("湘J77290", DEMO_DAY)).map(AlertCandidate::severity).contains(Severity.LOW);
  }

  @Test
  void plateAsTheReaderSentItIsNormalisedBeforeMatching() {
    assertThat(evaluate("湘j·38j91", DEMO_DAY)).map(AlertCandidate::subjectKey).contains("湘J38J91");
  }

  @Test
  void keyPersonsVehicleRaisesAnAlertAboutThePersonWithSeverityFromRiskLevel() {
    AlertCandidate red = evaluate("湘JJ4926", DEMO_DAY).orElseThrow();
    assertThat(red.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(red.subjectType()).isEqualTo(SubjectType.PERSON);
    assertThat(red.subjectKey()).isEqualTo("KP0001");
    assertThat(red.personId()).isEqualTo("KP0001");
    assertThat(red.plate()).isEqualTo("湘JJ4926");
    assertThat(red.subjectLabel()).isEqualTo("王建军 (湘JJ4926)");

    assertThat(evaluate("湘J790P1", DEMO_DAY)).map(AlertCandidate::severity).contains(Severity.HIGH);
    assertThat(evaluate("湘J46207", DEMO_DAY))
        .map(AlertCandidate::severity)
        .contains(Severity.MEDIUM);
  }

  @Test
  void unlistedPlateRaisesNothing() {
    assertThat(evaluate("湘JA1234", DEMO_DAY)).isEmpty();
  }

  @Test
  void expiredOrNotYetValidHotlistEntryRaisesNothing() {
    // 湘JC1Q06 is listed until 2026-12-31T23:59:59Z.
    assertThat(evaluate("湘JC1Q06", Instant.parse("2026-12-31T23:59:59Z"))).isPresent();
    assertThat(evaluate("湘JC1Q06", Instant.parse("2027-01-01T00:00:00Z"))).isEmpty();
    // 湘JVH636 is listed from 2026-10-20T08:00:00Z.
    assertThat(evaluate("湘JVH636", Instant.parse("2026-10-20T07:59:59Z"))).isEmpty();
  }

  @Test
  void eventsOtherThanVehicleSightingsAreIgnored() {
    EdgeEvent door =
        new EdgeEvent(
            "e-1",
            "edge-wuling-01",
            "43070200001340000001",
            1,
            DEMO_DAY,
            new DoorState("door-1", DoorState.State.FORCED));
    assertThat(rule.evaluate(door, context(DEMO_DAY))).isEmpty();
  }

  private Optional<AlertCandidate> evaluate(String plate, Instant now) {
    return rule.evaluate(
        Sightings.vehicle(plate, Sightings.WULING_READER, now.minusSeconds(5)), context(now));
  }

  private static RuleContext context(Instant now) {
    return new RuleContext(DemoCity.data(), Clock.fixed(now, ZoneOffset.UTC));
  }
}
