package org.sharpeyes.ingest.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.reference.RiskLevel;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.FaceMatched;
import org.sharpeyes.schema.event.SnapshotRef;

class WatchlistFaceRuleTest {

  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
  private static final String CAMERA = "43070200001320000001";

  private final WatchlistFaceRule rule = new WatchlistFaceRule();

  private Optional<AlertCandidate> matched(String personId, double similarity, double threshold) {
    EdgeEvent event =
        new EdgeEvent(
            "e-1",
            "edge-wuling-01",
            CAMERA,
            1,
            NOW,
            new FaceMatched(
                personId,
                similarity,
                threshold,
                "fr-feature-512",
                3,
                new SnapshotRef(SnapshotRef.JPEG, 4000)));
    return rule.evaluate(event, new RuleContext(DemoCity.data(), Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @Test
  void aKeyPersonsFaceAtTheirThresholdRaisesAnAlertAboutThePerson() {
    AlertCandidate alert = matched("KP0001", 0.71, 0.55).orElseThrow();

    assertThat(alert.rule()).isEqualTo("watchlist-face");
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL); // red
    assertThat(alert.subjectType()).isEqualTo(SubjectType.PERSON);
    assertThat(alert.subjectKey()).isEqualTo("KP0001");
    assertThat(alert.personId()).isEqualTo("KP0001");
    assertThat(alert.subjectLabel()).isEqualTo("王建军");
    assertThat(alert.reason()).contains("similarity 0.71 ≥ 0.55", "fr-feature-512", "3 frames");
  }

  @Test
  void theBarIsTheHigherOfTheEdgesThresholdAndThePersonsRiskLevel() {
    // KP0002 is orange: 0.60 by default.
    assertThat(matched("KP0002", 0.59, 0.50)).isEmpty();
    assertThat(matched("KP0002", 0.60, 0.50)).map(AlertCandidate::severity).contains(Severity.HIGH);
    // An edge set stricter than the rule: its threshold holds.
    assertThat(matched("KP0002", 0.65, 0.70)).isEmpty();
  }

  @Test
  void aMatchForSomebodyWhoIsNotAKeyPersonRaisesNothing() {
    assertThat(matched("KP9999", 0.99, 0.5)).isEmpty();
    assertThat(matched("visitor", 0.99, 0.5)).isEmpty();
  }

  @Test
  void eventsOtherThanFaceMatchesAreIgnored() {
    EdgeEvent plate = Sightings.vehicle("湘JJ4926", Sightings.WULING_READER, NOW);
    assertThat(rule.evaluate(plate, new RuleContext(DemoCity.data(), Clock.systemUTC()))).isEmpty();
  }

  @Test
  void everyRiskLevelNeedsAThresholdInRange() {
    assertThatThrownBy(() -> new WatchlistFaceRule(Map.of(RiskLevel.RED, 0.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orange");
    assertThatThrownBy(
            () ->
                new WatchlistFaceRule(
                    Map.of(RiskLevel.RED, 0.5, RiskLevel.ORANGE, 1.5, RiskLevel.YELLOW, 0.6)))
        .hasMessageContaining("(0, 1]");
  }
}
