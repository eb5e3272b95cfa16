package org.sharpeyes.ingest.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.rule.AlertCandidate;
import org.sharpeyes.ingest.rule.CorrelationRule;
import org.sharpeyes.ingest.rule.PlateHotlistRule;
import org.sharpeyes.ingest.rule.RuleContext;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.schema.event.EdgeEvent;

class CorrelationListenerTest {

  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

  private final TestDatabase db = TestDatabase.h2();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final AlertStore store =
      new AlertStore(db.dataSource(), clock, () -> UUID.randomUUID().toString());
  private final AlertFeed feed = new AlertFeed();
  private final List<AlertChange> published = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void hotlistedPlateSeenThreeTimesRaisesOneAlertAndCountsRaisedFoldedAndLatency()
      throws SQLException {
    CorrelationListener listener = listener(new PlateHotlistRule());

    for (int i = 0; i < 3; i++) {
      listener.onStored(sighting("湘J38J91", Sightings.WULING_READER, i), NOW.minusMillis(250));
    }

    List<Alert> alerts = store.find(AlertFilter.all(10));
    assertThat(alerts).singleElement().satisfies(a -> assertThat(a.count()).isEqualTo(3));
    assertThat(published)
        .extracting(AlertChange::kind)
        .containsExactly(AlertChange.Kind.RAISED, AlertChange.Kind.FOLDED, AlertChange.Kind.FOLDED);
    assertThat(
            registry
                .get("sharpeyes.alerts.raised")
                .tag("rule", "plate-hotlist")
                .tag("severity", "critical")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("sharpeyes.alerts.folded").counter().count()).isEqualTo(2);
    assertThat(registry.get("sharpeyes.alert.latency").timer().count()).isEqualTo(3);
    assertThat(
            registry
                .get("sharpeyes.alert.latency")
                .timer()
                .max(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(250);
  }

  @Test
  void alertWrittenInTheEventsTransactionIsPublishedOnlyOnceItCommits() throws SQLException {
    CorrelationListener listener = listener(new PlateHotlistRule());
    var batch =
        List.of(
            new CorrelationListener.Stored(
                sighting("湘J38J91", Sightings.WULING_READER, 0), NOW.minusMillis(10)));

    try (var c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      listener.inTransaction(c, batch);
      c.rollback();
    }
    assertThat(store.find(AlertFilter.all(10))).isEmpty();

    Runnable committed;
    try (var c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      committed = listener.inTransaction(c, batch);
      assertThat(published).isEmpty();
      c.commit();
    }
    committed.run();

    assertThat(store.find(AlertFilter.all(10))).singleElement();
    assertThat(published).extracting(AlertChange::kind).containsExactly(AlertChange.Kind.RAISED);
  }

  @Test
  void unlistedPlatesRaiseNothing() throws SQLException {
    listener(new PlateHotlistRule()).onStored(sighting("湘JA1234", Sightings.WULING_READER, 0), NOW);

    assertThat(store.find(AlertFilter.all(10))).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void aRuleThatThrowsIsCountedAndTheOtherRulesStillRun() throws SQLException {
    CorrelationRule broken =
        new CorrelationRule() {
          @Override
          public String id() {
            return "broken";
          }

          @Override
          public Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context) {
            throw new IllegalStateException("bug");
          }
        };
    CorrelationListener listener = listener(broken, new PlateHotlistRule());

    assertThatCode(() -> listener.onStored(sighting("湘J38J91", Sightings.WULING_READER, 0), NOW))
        .doesNotThrowAnyException();

    assertThat(store.find(AlertFilter.all(10))).hasSize(1);
    assertThat(
            registry
                .get("sharpeyes.alert.failures")
                .tag("rule", "broken")
                .tag("stage", "evaluate")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void anAlertThatCannotBeStoredIsCountedAndNotThrown() {
    db.execute("DROP TABLE alert_evidence");
    CorrelationListener listener = listener(new PlateHotlistRule());

    assertThatCode(() -> listener.onStored(sighting("湘J38J91", Sightings.WULING_READER, 0), NOW))
        .doesNotThrowAnyException();

    assertThat(registry.get("sharpeyes.alert.failures").tag("stage", "record").counter().count())
        .isEqualTo(1);
    assertThat(published).isEmpty();
  }

  @Test
  void aDeviceMissingFromReferenceDataStillRaisesAnAlertPlacedByItsCountyPrefix()
      throws SQLException {
    listener(new PlateHotlistRule()).onStored(sighting("湘J38J91", "43070200001329999999", 0), NOW);

    Alert alert = store.find(AlertFilter.all(10)).get(0);
    assertThat(alert.regionPath()).isEqualTo("/430700/430702/");
    assertThat(alert.gridCode()).isNull();
    assertThat(registry.get("sharpeyes.alerts.unlocated").counter().count()).isEqualTo(1);
  }

  private CorrelationListener listener(CorrelationRule... rules) {
    feed.subscribe(published::add);
    return new CorrelationListener(
        List.of(rules),
        new RuleContext(DemoCity.data(), clock),
        store,
        feed,
        new AlertMetrics(registry));
  }

  private static EdgeEvent sighting(String plate, String device, int minute) {
    return Sightings.vehicle(plate, device, NOW.minus(Duration.ofMinutes(10 - minute)));
  }
}
