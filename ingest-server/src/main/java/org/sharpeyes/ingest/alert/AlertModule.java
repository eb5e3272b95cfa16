package org.sharpeyes.ingest.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.sharpeyes.ingest.api.AlertApi;
import org.sharpeyes.ingest.config.AccessRulesConfig;
import org.sharpeyes.ingest.dashboard.DashboardRoutes;
import org.sharpeyes.ingest.pipeline.TransactionalListener;
import org.sharpeyes.ingest.reference.InvalidReferenceDataException;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.rule.AccessDeniedBurstRule;
import org.sharpeyes.ingest.rule.CorrelationRule;
import org.sharpeyes.ingest.rule.DoorForcedRule;
import org.sharpeyes.ingest.rule.DoorHeldRule;
import org.sharpeyes.ingest.rule.OffHoursAccessRule;
import org.sharpeyes.ingest.rule.PlateHotlistRule;
import org.sharpeyes.ingest.rule.RuleContext;
import org.sharpeyes.ingest.rule.WatchlistFaceRule;
import org.sharpeyes.schema.id.EventIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference data, correlation rules, alerts and their API, wired together. The wiring creates one,
 * registers {@link #listener()} with the ingest pipeline and calls {@link #mount} on the HTTP
 * router.
 *
 * <p>Needs the {@code alerts} tables of migration V2 (and {@code events} of V1): run Flyway before
 * constructing it.
 */
public final class AlertModule implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertModule.class);

  /** Most doors and credentials the access rules keep windows for. */
  static final int MAX_TRACKED = 100_000;

  private final CorrelationListener listener;
  private final AlertApi api;
  private final AutoCloseable feedSubscription;
  private final DashboardRoutes dashboard;
  private final ScheduledExecutorService timer;

  /**
   * Loads the reference data in {@code referenceDir} and checks it.
   *
   * @throws InvalidReferenceDataException listing every problem (file, line, what is wrong) when
   *     the reference data is bad; nothing is started then
   */
  public AlertModule(
      Vertx vertx,
      DataSource dataSource,
      Path referenceDir,
      Clock clock,
      MeterRegistry registry,
      AlertSettings settings) {
    ReferenceData reference = ReferenceData.load(referenceDir).orElseThrow();
    LOG.info(
        "reference data from {}: {} regions, {} grid cells, {} devices, {} key persons,"
            + " {} hotlisted plates",
        referenceDir,
        reference.regions().regions().size(),
        reference.grids().size(),
        reference.devices().size(),
        reference.keyPersons().size(),
        reference.plates().hotlistSize());
    EventIds ids = new EventIds(clock, new SecureRandom());
    AlertStore store = new AlertStore(dataSource, clock, ids::next);
    AlertFeed feed = new AlertFeed();
    this.listener =
        new CorrelationListener(
            rules(settings),
            new RuleContext(reference, clock),
            store,
            feed,
            new AlertMetrics(registry));
    this.api = new AlertApi(vertx, reference, store, dataSource, clock, registry, settings);
    this.feedSubscription = feed.subscribe(api::publish);
    this.dashboard = new DashboardRoutes(reference);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sharpeyes-rule-timer");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(listener::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** The correlation rules, in evaluation order, with their parameters. */
  static List<CorrelationRule> rules(AlertSettings settings) {
    AccessRulesConfig access = settings.access();
    return List.of(
        new PlateHotlistRule(),
        new WatchlistFaceRule(settings.faceThresholds()),
        new DoorForcedRule(),
        new DoorHeldRule(access.heldLongerThan(), MAX_TRACKED),
        new AccessDeniedBurstRule(access.deniedCount(), access.deniedWithin(), MAX_TRACKED),
        new OffHoursAccessRule(access));
  }

  /**
   * Give this to the ingest pipeline. It is called on the ingest worker thread, inside the
   * transaction that stores the events: it runs the rules, stores or folds alerts there (blocking
   * JDBC), and publishes them once the transaction commits.
   */
  public TransactionalListener listener() {
    return listener;
  }

  /**
   * Adds {@code GET /api/alerts}, {@code /api/alerts/stream}, {@code /api/alerts/:id} and {@code
   * /api/events} to the router, and the dashboard ({@code /}, {@code /dashboard/}, {@code
   * /api/map}).
   */
  public void mount(Router router) {
    api.mount(router);
    dashboard.mount(router);
  }

  /** Ends live-feed streams and releases the API's worker pool. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      feedSubscription.close();
    } catch (Exception e) {
      LOG.warn("cannot unsubscribe from the alert feed", e);
    }
    api.close();
  }
}
