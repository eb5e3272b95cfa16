package org.sharpeyes.ingest.governance;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governance index wired into the server: the index, its routes, and the refresh of the current
 * month every {@link GovernanceIndex#REFRESH} on the server's scheduler (the first one {@link
 * #FIRST_REFRESH_SECONDS} after start). Metric {@code sharpeyes.governance.refresh}: the time each
 * refresh took, tagged {@code outcome=ok|failed}.
 */
public final class GovernanceModule implements AutoCloseable {

  static final long FIRST_REFRESH_SECONDS = 30;
  private static final Logger LOG = LoggerFactory.getLogger(GovernanceModule.class);

  private final GovernanceIndex index;
  private final GovernanceRoutes routes;
  private final ScheduledFuture<?> refresh;

  public GovernanceModule(
      DataSource dataSource,
      WorkflowConfig config,
      ReferenceData reference,
      Clock clock,
      BlockingDispatch dispatch,
      ScheduledExecutorService scheduler,
      MeterRegistry registry) {
    this.index = new GovernanceIndex(dataSource, config, reference, clock);
    this.routes = new GovernanceRoutes(index, Whereabouts.of(reference), dispatch);
    Timer ok = timer(registry, "ok");
    Timer failed = timer(registry, "failed");
    this.refresh =
        scheduler.scheduleWithFixedDelay(
            () -> {
              long start = System.nanoTime();
              try {
                LOG.debug("governance figures refreshed: {}", index.refresh());
                ok.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
              } catch (Exception e) {
                failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                LOG.warn("governance refresh failed; the kept figures stay: {}", e.toString());
              }
            },
            FIRST_REFRESH_SECONDS,
            GovernanceIndex.REFRESH.toSeconds(),
            TimeUnit.SECONDS);
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder("sharpeyes.governance.refresh")
        .description("time to recompute the current month's governance figures from the alerts")
        .tag("outcome", outcome)
        .register(registry);
  }

  public GovernanceIndex index() {
    return index;
  }

  /** Adds {@code /api/governance}, {@code /api/governance.csv}, {@code /api/governance/trend}. */
  public void mount(Router router) {
    routes.mount(router);
  }

  @Override
  public void close() {
    refresh.cancel(false);
  }
}
