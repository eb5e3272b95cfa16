package org.sharpeyes.ingest.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.ServerThreads;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.workflow.Action;
import org.sharpeyes.ingest.workflow.StepRequest;
import org.sharpeyes.ingest.workflow.StepResult;
import org.sharpeyes.ingest.workflow.WorkflowModule;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * The governance figures of an alert that went through the real workflow: raised at the village
 * desk, escalated by the scan when nobody acknowledged it within 30 minutes, acknowledged at the
 * township after 40 minutes and resolved after 3 hours. The figures are read from what the workflow
 * wrote, so this checks that the columns mean what docs/governance.md says.
 */
class WorkflowHistoryTest {

  static final String HOTLISTED = "湘JRT396"; // medium: the village desk, 30 min to acknowledge
  static final Instant RAISED = Instant.parse("2026-11-10T02:00:00Z");

  final TestDatabase db = TestDatabase.h2();
  final ServerThreads threads = new ServerThreads();
  final AtomicReference<Instant> now = new AtomicReference<>(RAISED);
  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  AlertModule module;
  WorkflowModule workflow;

  @AfterEach
  void close() throws Exception {
    if (workflow != null) {
      workflow.close();
    }
    if (module != null) {
      module.close();
    }
    threads.close();
    db.close();
  }

  @Test
  void anAlertEscalatedForWantOfAnAcknowledgementCountsAsLateOverdueAndNotKeptInTheGrid()
      throws Exception {
    WorkflowConfig config = WorkflowConfig.defaults();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    module =
        new AlertModule(
            db.dataSource(),
            DemoCity.DIR,
            clock,
            registry,
            AlertSettings.defaults(),
            threads.scheduler("test-rule"),
            WorkflowModule.placement(config, clock));
    workflow =
        new WorkflowModule(
            module,
            db.dataSource(),
            config,
            clock,
            registry,
            entry -> {},
            threads.scheduler("test-escalation"));
    String id = raise();

    now.set(RAISED.plus(Duration.ofMinutes(31)));
    workflow.scanNow();
    now.set(RAISED.plus(Duration.ofMinutes(40)));
    step(id, Action.ACKNOWLEDGE);
    now.set(RAISED.plus(Duration.ofHours(3)));
    step(id, Action.RESOLVE);

    String grid = workflow.store().get(id).orElseThrow().alert().gridCode();
    now.set(Instant.parse("2026-12-20T00:00:00Z"));
    GovernanceIndex index = new GovernanceIndex(db.dataSource(), config, module.reference(), clock);
    Report report = index.report(GovernanceLevel.GRID, YearMonth.of(2026, 11), c -> true, true);
    Figures f =
        report.units().stream()
            .filter(u -> u.code().equals(grid))
            .findFirst()
            .orElseThrow()
            .figures();

    assertThat(f.received()).isEqualTo(1);
    assertThat(f.acknowledged()).isEqualTo(1);
    assertThat(f.acknowledgedOnTime()).isZero();
    assertThat(f.ackMedianSeconds()).isEqualTo(2400);
    assertThat(f.resolved()).isEqualTo(1);
    assertThat(f.resolveMedianSeconds()).isEqualTo(10_800);
    assertThat(f.resolvedOnTime()).as("it was overdue").isZero();
    assertThat(f.overdue()).isEqualTo(1);
    assertThat(f.escalated()).isEqualTo(1);
    assertThat(f.villageStarted()).isEqualTo(1);
    assertThat(f.withinGrid()).as("it left the village desk").isZero();
  }

  private void step(String id, Action action) throws Exception {
    StepResult r =
        workflow
            .transitions()
            .take(TestTokens.CITY_SUPERVISOR, "test", id, StepRequest.of(action, "done", null));
    assertThat(r).as(action.label()).isInstanceOf(StepResult.Done.class);
  }

  /** A hotlisted plate read, stored as the pipeline stores it and told to the alert module. */
  private String raise() throws Exception {
    String device = DemoCity.data().devices().iterator().next().id();
    EdgeEvent event = Sightings.vehicle(HOTLISTED, device, RAISED.minusSeconds(5));
    new EventStore(db.dataSource())
        .insert(EventRow.of(event, new EventCodec().encode(event), RAISED));
    module.listener().onStored(event, RAISED);
    return module.store().find(org.sharpeyes.ingest.alert.AlertFilter.all(10)).get(0).id();
  }
}
