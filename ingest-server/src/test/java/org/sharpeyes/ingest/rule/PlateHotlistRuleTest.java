package org.sharpeyes.ingest.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.config.PlateHotlistConfig;
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
    assertThat(alert.reason()).isEqualTo("涉案车辆; match: exact");
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
  void aLookalikeReadMatchesFuzzilyOneSeverityStepDownSayingWhatDiffered() {
    AlertCandidate alert = evaluate("湘J3BJ91", DEMO_DAY).orElseThrow();

    assertThat(alert.severity()).isEqualTo(Severity.HIGH); // listed critical
    assertThat(alert.subjectKey()).isEqualTo("湘J38J91");
    assertThat(alert.subjectLabel()).isEqualTo("湘J3BJ91, listed 湘J38J91");
    assertThat(alert.plate()).isEqualTo("湘J3BJ91");
    assertThat(alert.reason()).isEqualTo("涉案车辆; match: fuzzy (position 4: read B, listed 8)");
  }

  @Test
  void theSeverityStepAndTheLowConfidenceBoundComeFromTheConfig() {
    PlateHotlistRule lowBound = new PlateHotlistRule(new PlateHotlistConfig(0, 0.95));
    EdgeEvent misread =
        Sightings.vehicle("湘J38J97", Sightings.WULING_READER, DEMO_DAY.minusSeconds(5));

    // confidence 0.97 is not low by default: 7 for 1 is no lookalike
    assertThat(rule.evaluate(misread, context(DEMO_DAY))).isEmpty();
    assertThat(
            new PlateHotlistRule(new PlateHotlistConfig(0, 0.98))
                .evaluate(misread, context(DEMO_DAY)))
        .hasValueSatisfying(
            a -> {
              assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(a.reason())
                  .isEqualTo("涉案车辆; match: fuzzy (position 7: read 7, listed 1 (misread))");
            });
    assertThat(lowBound.evaluate(misread, context(DEMO_DAY))).isEmpty();
  }

  @Test
  void aHotlistPatternMatchesEveryPlateThatFitsItKeyedByThePlateRead() {
    AlertCandidate alert = evaluate("湘JK7315", DEMO_DAY).orElseThrow();

    assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(alert.subjectKey()).isEqualTo("湘JK7315");
    assertThat(alert.reason()).isEqualTo("肇事逃逸(号牌不全); match: exact");
  }

  @Test
  void aKeyPersonsPlateReadWithALookalikeNamesTheListedPlate() {
    AlertCandidate alert = evaluate("湘JJ49Z6", DEMO_DAY).orElseThrow();

    assertThat(alert.subjectKey()).isEqualTo("KP0001");
    assertThat(alert.severity()).isEqualTo(Severity.HIGH); // red → critical, one step down
    assertThat(alert.subjectLabel()).isEqualTo("王建军 (湘JJ49Z6, listed 湘JJ4926)");
    assertThat(alert.reason()).endsWith("; match: fuzzy (position 6: read Z, listed 2)");
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
