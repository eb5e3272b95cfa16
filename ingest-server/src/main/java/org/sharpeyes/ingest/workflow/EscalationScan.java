package org.sharpeyes.ingest.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.sharpeyes.ingest.workflow.WorkflowStore.Held;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalates the alerts whose deadline has passed. There is no timer per alert: every {@code
 * workflow.escalationScan} one query reads the due ones through the {@code next_deadline} index (at
 * most {@code escalationBatch}, earliest first), so 100 000 open alerts cost nothing until they
 * fall due. Deadlines live in the database, so a restarted server escalates what fell due while it
 * was down, once; a step is written only if the alert is unchanged since it was read, so two
 * servers scanning one database escalate each alert once.
 */
final class EscalationScan implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(EscalationScan.class);

  private final WorkflowStore store;
  private final Transitions transitions;
  private final Clock clock;
  private final int batch;
  private final WorkflowMetrics metrics;

  EscalationScan(
      WorkflowStore store, Transitions transitions, Clock clock, int batch, WorkflowMetrics m) {
    this.store = store;
    this.transitions = transitions;
    this.clock = clock;
    this.batch = batch;
    this.metrics = m;
  }

  /** One scan; never throws (a failed scan is logged, counted, and the next one tries again). */
  @Override
  public void run() {
    try {
      metrics.scan.record(() -> scanOnce());
    } catch (RuntimeException e) {
      metrics.scanFailures.increment();
      LOG.warn("escalation scan failed; the next one tries again: {}", e.toString());
    }
  }

  /**
   * @return how many alerts were escalated or marked overdue
   */
  int scanOnce() {
    Instant now = clock.instant();
    try {
      List<Held> due = store.due(now, batch);
      int stepped = 0;
      for (Held held : due) {
        if (transitions.escalateIfDue(held, now).isPresent()) {
          stepped++;
        }
      }
      if (stepped > 0) {
        LOG.info(
            "escalation scan: {} of {} due alerts escalated or marked overdue",
            stepped,
            due.size());
      }
      return stepped;
    } catch (java.sql.SQLException e) {
      throw new org.sharpeyes.ingest.store.StoreUnavailableException(
          "escalation scan: " + e.getMessage(), e);
    }
  }
}
