package org.sharpeyes.ingest.workflow;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertFilter;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.schema.testing.MutableClock;

/**
 * One server's alert and workflow modules over a test database, with a clock the test moves and
 * deadlines of 1 min to acknowledge and 10 min to resolve at every level. The escalation timer is
 * set to an hour: tests scan with {@link WorkflowModule#scanNow()}.
 */
final class WorkflowFixture implements AutoCloseable {

  static final Instant START = Instant.parse("2026-12-01T02:00:00Z");

  /** A plate reader in grid cell 43070200100103 of the village 柳湾社区 (430702001001). */
  static final String LIUWAN_READER = "43070200001320000103";

  /** Hotlisted at medium severity: starts at the village desk. */
  static final String MEDIUM_PLATE = "湘JRT396";

  /** Hotlisted at high severity: starts at the township desk. */
  static final String HIGH_PLATE = "湘J3B924";

  static final Principal VILLAGE_OPERATOR = caller("wu.liuwancun", Role.OPERATOR, "430702001001");
  static final Principal TOWNSHIP_OPERATOR = caller("fu.liuwan", Role.OPERATOR, "430702001");
  static final Principal OTHER_COUNTY = caller("qin.dingcheng", Role.OPERATOR, "430703");
  static final Principal GRID_WORKER = caller("he.grid", Role.GRID_WORKER, "430702001001");
  static final Principal SUPERVISOR = caller("luo.supervisor", Role.SUPERVISOR, "430700");

  final MutableClock clock;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
  final List<AlertChange> changes = new CopyOnWriteArrayList<>();
  final AlertModule alerts;
  final WorkflowModule workflow;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private int seq;

  WorkflowFixture(TestDatabase db, MutableClock clock) throws Exception {
    this.clock = clock;
    WorkflowConfig config =
        WorkflowConfig.defaults()
            .withDeadlines(Duration.ofMinutes(1), Duration.ofMinutes(10))
            .withEscalationScan(Duration.ofHours(1));
    this.alerts =
        new AlertModule(
            db.dataSource(),
            TestLogins.DEMO_CITY,
            clock,
            registry,
            AlertSettings.defaults(),
            timer,
            WorkflowModule.placement(config, clock));
    alerts.feed().subscribe(changes::add);
    this.workflow =
        new WorkflowModule(alerts, db.dataSource(), config, clock, registry, audit::add, timer);
  }

  static Principal caller(String name, Role role, String jurisdiction) {
    return new Principal(name, role, jurisdiction, Clearance.MASKED, "local");
  }

  /** A sighting of {@code plate} at the Liuwan reader now; returns the open alert about it. */
  Alert sight(String plate) throws Exception {
    alerts
        .listener()
        .onStored(Sightings.vehicle(plate, LIUWAN_READER, clock.instant()), clock.instant());
    seq++;
    return alerts.store().find(AlertFilter.all(100)).stream()
        .filter(a -> plate.equals(a.plate()) && a.state().isOpen())
        .findFirst()
        .orElseThrow();
  }

  WorkflowStore.Held held(String id) throws Exception {
    return workflow.store().get(id).orElseThrow();
  }

  StepResult take(Principal who, String id, StepRequest request) throws Exception {
    return workflow.transitions().take(who, "127.0.0.1", id, request);
  }

  StepResult take(Principal who, String id, Action action, String note) throws Exception {
    return take(who, id, StepRequest.of(action, note, null));
  }

  List<String> timeline(String id) throws Exception {
    List<String> lines = new ArrayList<>();
    workflow
        .store()
        .timeline(id, 100)
        .forEach(s -> lines.add(s.action() + " by " + s.actor() + " at " + s.deskCode()));
    return lines;
  }

  @Override
  public void close() {
    workflow.close();
    alerts.close();
    timer.shutdownNow();
  }
}
