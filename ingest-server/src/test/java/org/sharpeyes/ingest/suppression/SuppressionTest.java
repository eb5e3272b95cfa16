package org.sharpeyes.ingest.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertFilter;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.rule.PlateHotlistRule;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.ingest.workflow.Action;
import org.sharpeyes.ingest.workflow.StepRequest;
import org.sharpeyes.ingest.workflow.StepResult;
import org.sharpeyes.ingest.workflow.WorkflowModule;
import org.sharpeyes.schema.testing.MutableClock;

/** Snoozes and false positives, as a desk notices them: which sightings raise alerts, and hits. */
class SuppressionTest {

  /** The database to run on: H2 here, PostgreSQL in {@link PostgresSuppressionTest}. */
  TestDatabase open() {
    return TestDatabase.h2();
  }

  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
  private static final String PLATE = "湘J38J91"; // hotlisted, critical
  private static final String STATION_READER = Sightings.WULING_READER; // at SITE-02 常德火车站
  private static final String OTHER_WULING_READER = "43070200001320000102"; // at no site
  private static final Principal WULING_DESK =
      new Principal("peng.wuling", Role.OPERATOR, "430702", Clearance.FULL, "local");
  private static final Principal DINGCHENG_DESK =
      new Principal("qin.dingcheng", Role.OPERATOR, "430703", Clearance.MASKED, "local");

  private TestDatabase db;
  private final MutableClock clock = new MutableClock(T0);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
  private final WorkflowConfig config = WorkflowConfig.defaults();
  private AlertModule alerts;
  private WorkflowModule workflow;
  private SuppressionModule module;
  private Suppressions suppressions;
  private int seq;

  @BeforeEach
  void start() throws SQLException {
    db = open();
    alerts =
        new AlertModule(
            db.dataSource(),
            DemoCity.DIR,
            clock,
            registry,
            AlertSettings.defaults(),
            timer,
            WorkflowModule.placement(config, clock));
    workflow =
        new WorkflowModule(alerts, db.dataSource(), config, clock, registry, audit::add, timer);
    module =
        new SuppressionModule(
            alerts.reference(), db.dataSource(), config, clock, registry, audit::add, timer);
    alerts.guardRaises(module.guard());
    workflow.transitions().listen(module.falsePositives());
    suppressions = module.suppressions();
  }

  @AfterEach
  void stop() throws SQLException {
    module.close();
    workflow.close();
    alerts.close();
    timer.shutdownNow();
    db.close();
  }

  @Test
  void aPlateSnoozedAtADeviceRaisesNoAlertThereButDoesAtAnotherDeviceAndTheSnoozeCountsHits()
      throws SQLException {
    Suppression snooze =
        done(
            suppressions.snooze(
                WULING_DESK, "test", snooze(STATION_READER, null, Duration.ofHours(8))));

    see(PLATE, STATION_READER);
    see(PLATE, STATION_READER);
    assertThat(alerts()).isEmpty();

    see(PLATE, OTHER_WULING_READER);
    assertThat(alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.deviceId()).isEqualTo(OTHER_WULING_READER);
              assertThat(a.rule()).isEqualTo(PlateHotlistRule.ID);
            });
    assertThat(hits(snooze.id())).isEqualTo(2);
    module.reloadNow(); // the counted hits are written with the reload
    assertThat(hits(snooze.id())).isEqualTo(2);
    assertThat(
            registry
                .get("sharpeyes.suppression.suppressed")
                .tag("kind", "snooze")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(audit)
        .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::subject)
        .contains(
            org.assertj.core.groups.Tuple.tuple("suppression.add", "peng.wuling", snooze.id()));
  }

  @Test
  void aPlateSnoozedAtASiteRaisesNoAlertAtTheSitesDevicesOnly() throws SQLException {
    done(suppressions.snooze(WULING_DESK, "test", snooze(null, "SITE-02", Duration.ofHours(1))));

    see(PLATE, STATION_READER);
    assertThat(alerts()).isEmpty();
    see(PLATE, OTHER_WULING_READER);
    assertThat(alerts()).hasSize(1);
  }

  @Test
  void anExpiredSnoozeStopsSuppressing() throws SQLException {
    done(
        suppressions.snooze(
            WULING_DESK, "test", snooze(STATION_READER, null, Duration.ofHours(8))));
    see(PLATE, STATION_READER);
    assertThat(alerts()).isEmpty();

    clock.advance(Duration.ofHours(8).plusSeconds(1));
    see(PLATE, STATION_READER);

    assertThat(alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.deviceId()).isEqualTo(STATION_READER));
    assertThat(suppressions.activeFor(WULING_DESK)).isEmpty();
  }

  @Test
  void aLiftedSnoozeStopsSuppressingAndKeepsWhenItWasLifted() throws SQLException {
    Suppression snooze =
        done(
            suppressions.snooze(
                WULING_DESK, "test", snooze(STATION_READER, null, Duration.ofHours(8))));
    clock.advance(Duration.ofMinutes(5));

    Suppression lifted = done(suppressions.lift(WULING_DESK, "test", snooze.id()));
    see(PLATE, STATION_READER);

    assertThat(lifted.liftedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(alerts()).hasSize(1);
    assertThat(audit).extracting(AuditEntry::action).contains("suppression.lift");
  }

  @Test
  void aSightingFoldsIntoAnOpenAlertEvenAtASnoozedDevice() throws SQLException {
    see(PLATE, OTHER_WULING_READER);
    Suppression snooze =
        done(
            suppressions.snooze(
                WULING_DESK, "test", snooze(STATION_READER, null, Duration.ofHours(8))));

    see(PLATE, STATION_READER);

    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.count()).isEqualTo(2));
    assertThat(hits(snooze.id())).isZero();
  }

  @Test
  void markingAnAlertFalsePositiveSuppressesTheSameRuleSubjectAndDeviceForTheConfiguredTime()
      throws SQLException {
    see(PLATE, STATION_READER);
    Alert first = alerts().get(0);

    StepResult r =
        workflow
            .transitions()
            .take(
                WULING_DESK,
                "test",
                first.id(),
                StepRequest.of(Action.FALSE_POSITIVE, "车主本人，车辆已解除布控", null));
    assertThat(r).isInstanceOf(StepResult.Done.class);

    assertThat(suppressions.activeFor(WULING_DESK))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo(Suppression.FALSE_POSITIVE);
              assertThat(s.rule()).isEqualTo(PlateHotlistRule.ID);
              assertThat(s.subjectKey()).isEqualTo(PLATE);
              assertThat(s.deviceId()).isEqualTo(STATION_READER);
              assertThat(s.createdBy()).isEqualTo("peng.wuling");
              assertThat(s.expiresAt()).isEqualTo(T0.plus(config.falsePositiveSuppression()));
            });
    see(PLATE, STATION_READER);
    assertThat(alerts()).hasSize(1); // only the closed one
    see(PLATE, OTHER_WULING_READER);
    assertThat(alerts()).hasSize(2);
    assertThat(
            registry
                .get("sharpeyes.suppression.suppressed")
                .tag("kind", "false-positive")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aFalsePositiveSuppressionExpiresByTime() throws SQLException {
    see(PLATE, STATION_READER);
    workflow
        .transitions()
        .take(
            WULING_DESK,
            "test",
            alerts().get(0).id(),
            StepRequest.of(Action.FALSE_POSITIVE, "误报", null));

    clock.advance(config.falsePositiveSuppression().plusSeconds(1));
    see(PLATE, STATION_READER);

    assertThat(alerts()).hasSize(2);
  }

  @Test
  void aDeskMaySnoozeOnlyInItsJurisdictionAndForAtMostMaxSnooze() throws SQLException {
    assertThat(
            suppressions.snooze(
                DINGCHENG_DESK, "test", snooze(STATION_READER, null, Duration.ofHours(1))))
        .isInstanceOf(Suppressions.Refused.class);
    assertThat(
            suppressions.snooze(
                WULING_DESK,
                "test",
                snooze(STATION_READER, null, config.maxSnooze().plusSeconds(1))))
        .isEqualTo(
            new Suppressions.Invalid(
                "for", "is longer than workflow.maxSnooze (" + config.maxSnooze() + ")"));
    assertThat(
            suppressions.snooze(
                WULING_DESK, "test", snooze("43070200001329999999", null, Duration.ofHours(1))))
        .extracting(o -> ((Suppressions.Invalid) o).field())
        .isEqualTo("deviceId");
    assertThat(audit).extracting(AuditEntry::outcome).containsExactly("refused");
  }

  private Suppressions.Snooze snooze(String device, String site, Duration d) {
    return new Suppressions.Snooze("plate", PLATE, device, site, null, d, "车主本人，停放于家门口");
  }

  private static Suppression done(Suppressions.Outcome o) {
    assertThat(o).isInstanceOf(Suppressions.Done.class);
    return ((Suppressions.Done) o).suppression();
  }

  private void see(String plate, String device) {
    alerts
        .listener()
        .onStored(
            Sightings.vehicle(plate, device, clock.instant().minusSeconds(60 - (seq++))),
            clock.instant());
  }

  private List<Alert> alerts() throws SQLException {
    return alerts.store().find(AlertFilter.all(50));
  }

  private long hits(String id) throws SQLException {
    return suppressions.activeFor(WULING_DESK).stream()
        .filter(s -> s.id().equals(id))
        .mapToLong(Suppression::hits)
        .sum();
  }
}
