package org.sharpeyes.ingest.workflow;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertPlacement;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.CommandStructure;
import org.sharpeyes.ingest.reference.Desk;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.RegionLevel;
import org.sharpeyes.ingest.workflow.WorkflowStore.Held;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command-centre workflow wired together (docs/workflow.md): routing of new alerts to their
 * starting desk (give {@link #placement} to the {@link AlertModule}), steps ({@link
 * #transitions()}), and the escalation scan on the timer it is given.
 */
public final class WorkflowModule implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowModule.class);

  private final WorkflowStore store;
  private final DeskRouting routing;
  private final Transitions transitions;
  private final CommandStructure command;
  private final EscalationScan scan;
  private final ScheduledFuture<?> scanning;

  /**
   * Places alerts raised before the workflow existed, then checks deadlines every {@code
   * workflow.escalationScan} on {@code timer}.
   */
  public WorkflowModule(
      AlertModule alerts,
      DataSource dataSource,
      WorkflowConfig config,
      Clock clock,
      MeterRegistry registry,
      AuditTrail audit,
      ScheduledExecutorService timer)
      throws SQLException {
    ReferenceData reference = alerts.reference();
    this.command = reference.command();
    this.store = new WorkflowStore(dataSource);
    this.routing = new DeskRouting(reference.regions(), command, config);
    WorkflowMetrics metrics = new WorkflowMetrics(registry);
    this.transitions =
        new Transitions(
            store,
            routing,
            new Assignments(command, config),
            Whereabouts.of(reference),
            config,
            clock,
            alerts.feed(),
            audit,
            metrics);
    placeEarlierAlerts(dataSource, clock);
    this.scan = new EscalationScan(store, transitions, clock, config.escalationBatch(), metrics);
    long every = config.escalationScan().toMillis();
    this.scanning = timer.scheduleWithFixedDelay(scan, every, every, TimeUnit.MILLISECONDS);
    LOG.info(
        "workflow: {} desks, {} departments, {} staff; deadlines checked every {}",
        command.desks().size(),
        command.departments().size(),
        command.staff().size(),
        config.escalationScan());
  }

  /**
   * What the {@link AlertModule} is given: places every new alert at its starting desk with its
   * deadlines, in the transaction that raises it.
   */
  public static Function<ReferenceData, AlertPlacement> placement(
      WorkflowConfig config, Clock clock) {
    return reference -> {
      DeskRouting routing = new DeskRouting(reference.regions(), reference.command(), config);
      return (c, alert) -> place(c, routing, alert, clock);
    };
  }

  private static void place(Connection c, DeskRouting routing, Alert alert, Clock clock)
      throws SQLException {
    java.util.Optional<Desk> desk = routing.start(alert);
    if (desk.isEmpty()) {
      return;
    }
    WorkflowStore.place(
        c,
        alert.id(),
        routing.placed(alert, desk.get(), clock.instant()),
        routing.codeAt(alert, RegionLevel.TOWNSHIP),
        routing.codeAt(alert, RegionLevel.COUNTY));
  }

  private void placeEarlierAlerts(DataSource dataSource, Clock clock) throws SQLException {
    int placed = 0;
    for (List<Held> batch = store.unplaced(500); !batch.isEmpty(); batch = store.unplaced(500)) {
      try (Connection c = dataSource.getConnection()) {
        for (Held h : batch) {
          Alert a = h.alert();
          Desk desk = routing.start(a).orElse(null);
          if (desk == null) {
            return;
          }
          WorkflowStore.place(
              c,
              a.id(),
              routing.arrive(h.handling(), desk, a, a.state(), clock.instant()),
              routing.codeAt(a, RegionLevel.TOWNSHIP),
              routing.codeAt(a, RegionLevel.COUNTY));
          placed++;
        }
      }
    }
    if (placed > 0) {
      LOG.info("workflow: placed {} open alerts raised before the workflow at their desks", placed);
    }
  }

  public WorkflowStore store() {
    return store;
  }

  public DeskRouting routing() {
    return routing;
  }

  public Transitions transitions() {
    return transitions;
  }

  public CommandStructure command() {
    return command;
  }

  /** One escalation scan now (tests; the timer runs them otherwise). */
  public int scanNow() {
    return scan.scanOnce();
  }

  @Override
  public void close() {
    scanning.cancel(false);
  }
}
