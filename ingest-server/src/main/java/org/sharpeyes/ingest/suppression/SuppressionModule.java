package org.sharpeyes.ingest.suppression;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertStep;
import org.sharpeyes.ingest.alert.RaiseGuard;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.workflow.StepListener;
import org.sharpeyes.ingest.workflow.WorkflowStore.Held;
import org.sharpeyes.schema.id.EventIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suppressions (docs/workflow.md, "Suppression"), wired: the raise guard to give the alert module,
 * the step listener that turns a false positive into a suppression, the routes, and the reload of
 * the in-memory snapshot every {@link #RELOAD_EVERY} on the timer it is given.
 */
public final class SuppressionModule implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SuppressionModule.class);

  /** How often the snapshot is read again (other servers' changes, expiries) and hits written. */
  public static final Duration RELOAD_EVERY = Duration.ofSeconds(5);

  /** The action label of the step that leaves a false-positive suppression. */
  static final String FALSE_POSITIVE_ACTION = "false-positive";

  private final ActiveSuppressions active;
  private final Suppressions suppressions;
  private final WorkflowConfig config;
  private final ScheduledFuture<?> reloading;

  public SuppressionModule(
      ReferenceData reference,
      DataSource dataSource,
      WorkflowConfig config,
      Clock clock,
      MeterRegistry registry,
      AuditTrail audit,
      ScheduledExecutorService timer) {
    SuppressionStore store = new SuppressionStore(dataSource);
    EventIds ids = new EventIds(clock, new SecureRandom());
    this.config = config;
    this.active = new ActiveSuppressions(store, reference, clock, registry);
    this.suppressions = new Suppressions(store, active, reference, config, clock, audit, ids::next);
    active.reload();
    long every = RELOAD_EVERY.toMillis();
    this.reloading =
        timer.scheduleWithFixedDelay(active::reload, every, every, TimeUnit.MILLISECONDS);
  }

  /** Give this to {@code AlertModule.guardRaises}: it holds back raises that are suppressed. */
  public RaiseGuard guard() {
    return active;
  }

  /**
   * Give this to {@code Transitions.listen}: marking an alert false-positive suppresses the same
   * rule, subject and device for {@code workflow.falsePositiveSuppression} (none when zero).
   */
  public StepListener falsePositives() {
    return this::stepped;
  }

  private void stepped(Held now, AlertStep step) {
    Duration keep = config.falsePositiveSuppression();
    if (!FALSE_POSITIVE_ACTION.equals(step.action()) || keep.isZero() || keep.isNegative()) {
      return;
    }
    Alert a = now.alert();
    Instant at = step.at();
    String reason =
        "false positive on alert " + a.id() + (step.note() == null ? "" : ": " + step.note());
    Suppression s =
        new Suppression(
            suppressions.newId(),
            Suppression.FALSE_POSITIVE,
            a.rule(),
            a.subjectType().label(),
            a.subjectKey(),
            a.deviceId(),
            null,
            a.regionPath() == null ? "/" : a.regionPath(),
            reason.length() > 2000 ? reason.substring(0, 2000) : reason,
            step.actor(),
            at,
            at.plus(keep),
            null,
            0);
    try {
      suppressions.falsePositive(s);
    } catch (SQLException | RuntimeException e) {
      LOG.error("cannot store the false-positive suppression of alert {}", a.id(), e);
    }
  }

  /** Adds the routes. */
  public void mount(Router router, BlockingDispatch dispatch) {
    new SuppressionRoutes(suppressions, dispatch).mount(router);
  }

  Suppressions suppressions() {
    return suppressions;
  }

  /** Writes the counted hits and reads the active suppressions again now (tests, admin). */
  public void reloadNow() {
    active.reload();
  }

  /** Stops the reloads, then writes the hits counted since the last one. */
  @Override
  public void close() {
    reloading.cancel(false);
    active.reload();
  }
}
