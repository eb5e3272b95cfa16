package org.sharpeyes.ingest.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.ingest.workflow.WorkflowFixture.GRID_WORKER;
import static org.sharpeyes.ingest.workflow.WorkflowFixture.HIGH_PLATE;
import static org.sharpeyes.ingest.workflow.WorkflowFixture.MEDIUM_PLATE;
import static org.sharpeyes.ingest.workflow.WorkflowFixture.OTHER_COUNTY;
import static org.sharpeyes.ingest.workflow.WorkflowFixture.TOWNSHIP_OPERATOR;
import static org.sharpeyes.ingest.workflow.WorkflowFixture.VILLAGE_OPERATOR;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertState;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.reference.RegionLevel;
import org.sharpeyes.schema.testing.MutableClock;

/** The workflow on one database engine; H2WorkflowTest and PostgresWorkflowTest run it. */
abstract class WorkflowContract {

  private final TestDatabase db = database();
  private final MutableClock clock = new MutableClock(WorkflowFixture.START);
  private final List<WorkflowFixture> servers = new ArrayList<>();

  abstract TestDatabase database();

  private WorkflowFixture server() throws Exception {
    WorkflowFixture f = new WorkflowFixture(db, clock);
    servers.add(f);
    return f;
  }

  @AfterEach
  void close() throws Exception {
    servers.forEach(WorkflowFixture::close);
    db.close();
  }

  @Test
  void aMediumHotlistedPlateStartsAtTheVillageDeskOfItsGridWithItsDeadlines() throws Exception {
    WorkflowFixture s = server();
    Alert alert = s.sight(MEDIUM_PLATE);

    Handling h = s.held(alert.id()).handling();
    assertThat(h.deskCode()).isEqualTo("430702001001");
    assertThat(h.deskLevel()).isEqualTo(RegionLevel.VILLAGE);
    assertThat(h.ackDue()).isEqualTo(WorkflowFixture.START.plus(Duration.ofMinutes(1)));
    assertThat(h.resolveDue()).isEqualTo(WorkflowFixture.START.plus(Duration.ofMinutes(10)));
    assertThat(h.nextDeadline()).isEqualTo(h.ackDue());
  }

  @Test
  void aHighOneStartsAtTheTownship() throws Exception {
    WorkflowFixture s = server();
    Alert alert = s.sight(HIGH_PLATE);

    assertThat(s.held(alert.id()).handling().deskCode()).isEqualTo("430702001");
  }

  @Test
  void anAlertNobodyAcknowledgesMovesUpOneLevelOnceWithTheReasonAndIsOverdue() throws Exception {
    WorkflowFixture s = server();
    Alert alert = s.sight(MEDIUM_PLATE);
    clock.advance(Duration.ofSeconds(59));
    assertThat(s.workflow.scanNow()).as("before the deadline").isZero();

    clock.advance(Duration.ofSeconds(2));
    assertThat(s.workflow.scanNow()).isEqualTo(1);
    assertThat(s.workflow.scanNow()).as("a second scan").isZero();

    WorkflowStore.Held held = s.held(alert.id());
    assertThat(held.handling().deskCode()).isEqualTo("430702001");
    assertThat(held.handling().overdue()).isTrue();
    assertThat(held.handling().escalations()).isEqualTo(1);
    assertThat(held.alert().state()).isEqualTo(AlertState.NEW);
    assertThat(s.workflow.store().timeline(alert.id(), 10))
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.action()).isEqualTo("escalate");
              assertThat(step.actor()).isEqualTo("system");
              assertThat(step.note()).isEqualTo("not acknowledged within 1 min at 柳湾社区网格服务站");
            });
    assertThat(s.changes)
        .filteredOn(c -> c.kind() == AlertChange.Kind.STEPPED)
        .singleElement()
        .satisfies(c -> assertThat(c.step().deskCode()).isEqualTo("430702001"));
    assertThat(s.audit).anySatisfy(e -> assertThat(e.action()).isEqualTo("alert.escalate"));
  }

  @Test
  void theLoopClosesAcknowledgedDispatchedReportedResolvedWithEveryStepOnTheTimeline()
      throws Exception {
    WorkflowFixture s = server();
    String id = s.sight(MEDIUM_PLATE).id();

    assertThat(s.take(VILLAGE_OPERATOR, id, Action.ACKNOWLEDGE, null))
        .isInstanceOf(StepResult.Done.class);
    StepResult dispatched =
        s.take(
            VILLAGE_OPERATOR,
            id,
            new StepRequest(Action.DISPATCH, "check the car", "staff", "he.grid", null, null, 1));
    assertThat(dispatched).isInstanceOf(StepResult.Done.class);
    assertThat(s.workflow.store().dispatchedTo("he.grid", 10)).hasSize(1);
    assertThat(s.take(GRID_WORKER, id, Action.REPORT, "owner found, car moved"))
        .isInstanceOf(StepResult.Done.class);
    assertThat(s.take(VILLAGE_OPERATOR, id, Action.RESOLVE, "closed after review"))
        .isInstanceOf(StepResult.Done.class);

    WorkflowStore.Held done = s.held(id);
    assertThat(done.alert().state()).isEqualTo(AlertState.RESOLVED);
    assertThat(done.handling().closedAt()).isNotNull();
    assertThat(done.handling().nextDeadline()).as("nothing left to escalate").isNull();
    assertThat(s.timeline(id))
        .containsExactly(
            "acknowledge by wu.liuwancun at 430702001001",
            "dispatch by wu.liuwancun at 430702001001",
            "report by he.grid at 430702001001",
            "resolve by wu.liuwancun at 430702001001");
    assertThat(s.sight(MEDIUM_PLATE).id())
        .as("the next sighting raises a new alert")
        .isNotEqualTo(id);
  }

  @Test
  void aStaleRevisionAnIllegalStepABadAssigneeAndAnotherCountyAreRefusedWithTheirReason()
      throws Exception {
    WorkflowFixture s = server();
    String id = s.sight(MEDIUM_PLATE).id();
    s.take(VILLAGE_OPERATOR, id, Action.ACKNOWLEDGE, null);

    assertThat(s.take(VILLAGE_OPERATOR, id, StepRequest.of(Action.RESOLVE, null, 0)))
        .isInstanceOfSatisfying(
            StepResult.Stale.class, r -> assertThat(r.current().revision()).isEqualTo(1));
    assertThat(s.take(VILLAGE_OPERATOR, id, Action.REPORT, "done"))
        .isInstanceOfSatisfying(
            StepResult.Illegal.class,
            r -> assertThat(r.reason()).startsWith("cannot report an alert that is acknowledged"));
    assertThat(
            s.take(
                VILLAGE_OPERATOR,
                id,
                new StepRequest(Action.DISPATCH, null, "staff", "xia.grid", null, null, null)))
        .isInstanceOfSatisfying(
            StepResult.Invalid.class,
            r -> {
              assertThat(r.field()).isEqualTo("assignee");
              assertThat(r.reason()).contains("does not serve grid cell 43070200100103", "he.grid");
            });
    assertThat(s.take(OTHER_COUNTY, id, Action.RESOLVE, null))
        .isInstanceOfSatisfying(
            StepResult.Refused.class,
            r -> assertThat(r.reason()).contains("outside the jurisdiction of qin.dingcheng"));
    assertThat(s.take(VILLAGE_OPERATOR, id, Action.FALSE_POSITIVE, " "))
        .isInstanceOfSatisfying(
            StepResult.Invalid.class, r -> assertThat(r.field()).isEqualTo("note"));
  }

  @Test
  void onceEscalatedTheVillageMayNoLongerActButTheTownshipMay() throws Exception {
    WorkflowFixture s = server();
    String id = s.sight(MEDIUM_PLATE).id();
    clock.advance(Duration.ofMinutes(2));
    s.workflow.scanNow();

    assertThat(s.take(VILLAGE_OPERATOR, id, Action.ACKNOWLEDGE, null))
        .isInstanceOfSatisfying(
            StepResult.Refused.class,
            r -> assertThat(r.reason()).contains("is held by 柳湾街道综治中心 (430702001)"));
    assertThat(s.take(TOWNSHIP_OPERATOR, id, Action.ACKNOWLEDGE, null))
        .isInstanceOf(StepResult.Done.class);
  }

  @Test
  void aServerStartedAfterTheDeadlinePassedEscalatesOnceAtItsFirstScan() throws Exception {
    WorkflowFixture first = server();
    String id = first.sight(MEDIUM_PLATE).id();
    first.close();
    servers.remove(first);

    clock.advance(Duration.ofMinutes(3));
    WorkflowFixture restarted = server();

    assertThat(restarted.workflow.scanNow()).isEqualTo(1);
    assertThat(restarted.workflow.scanNow()).isZero();
    assertThat(restarted.timeline(id)).containsExactly("escalate by system at 430702001");
  }

  @Test
  void twoServersScanningOneDatabaseEscalateEachDueAlertOnce() throws Exception {
    WorkflowFixture a = server();
    WorkflowFixture b = server();
    List<String> ids =
        List.of(
            a.sight(MEDIUM_PLATE).id(),
            a.sight("湘J77290").id(),
            a.sight("湘DZ1936").id(),
            a.sight(HIGH_PLATE).id(),
            a.sight("湘JE594D").id());
    clock.advance(Duration.ofMinutes(2));

    CountDownLatch go = new CountDownLatch(1);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> scanA =
          () -> {
            go.await();
            return a.workflow.scanNow();
          };
      Callable<Integer> scanB =
          () -> {
            go.await();
            return b.workflow.scanNow();
          };
      Future<Integer> fa = two.submit(scanA);
      Future<Integer> fb = two.submit(scanB);
      go.countDown();
      assertThat(fa.get() + fb.get()).isEqualTo(ids.size());
    } finally {
      two.shutdownNow();
    }
    for (String id : ids) {
      assertThat(a.timeline(id)).as("timeline of " + id).hasSize(1);
      assertThat(a.held(id).handling().escalations()).isEqualTo(1);
    }
  }
}
