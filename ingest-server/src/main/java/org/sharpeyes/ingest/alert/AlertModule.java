package org.sharpeyes.ingest.alert;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.sharpeyes.ingest.config.AccessRulesConfig;
import org.sharpeyes.ingest.pipeline.TransactionalListener;
import org.sharpeyes.ingest.reference.InvalidReferenceDataException;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.rule.AccessDeniedBurstRule;
import org.sharpeyes.ingest.rule.CorrelationRule;
import org.sharpeyes.ingest.rule.DeviceOfflineRule;
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
 * Reference data, correlation rules and alerts, wired together. The wiring creates one, registers
 * {@link #listener()} with the ingest pipeline, and gives {@link #store()}, {@link #feed()} and
 * {@link #reference()} to the HTTP side (the {@code api} package), which depends on this one and
 * never the other way round.
 *
 * <p>Needs the {@code alerts} tables of migration V2 (and {@code events} of V1): run Flyway before
 * constructing it.
 */
public final class AlertModule implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertModule.class);

  /** Most doors and credentials the access rules keep windows for. */
  static final int MAX_TRACKED = 100_000;

  private final ReferenceData reference;
  private final AlertStore store;
  private final AlertFeed feed;
  private final CorrelationListener listener;
  private final DeviceOfflineRule deviceOffline;
  private final ScheduledFuture<?> ticks;

  /**
   * Loads the reference data in {@code referenceDir} and checks it, then asks the timed rules what
   * is due about once a second on {@code timer}.
   *
   * @param timer the server's rule-timer thread; the module cancels its task on {@link #close}
   * @throws InvalidReferenceDataException listing every problem (file, line, what is wrong) when
   *     the reference data is bad; nothing is started then
   */
  public AlertModule(
      DataSource dataSource,
      Path referenceDir,
      Clock clock,
      MeterRegistry registry,
      AlertSettings settings,
      ScheduledExecutorService timer) {
    this(dataSource, referenceDir, clock, registry, settings, timer, r -> AlertPlacement.NONE);
  }

  /**
   * As above, with the workflow's routing: {@code placement} is made from the loaded reference data
   * and places every new alert at its starting desk, in the transaction that raises it.
   */
  public AlertModule(
      DataSource dataSource,
      Path referenceDir,
      Clock clock,
      MeterRegistry registry,
      AlertSettings settings,
      ScheduledExecutorService timer,
      Function<ReferenceData, AlertPlacement> placement) {
    this.reference = ReferenceData.load(referenceDir).orElseThrow();
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
    this.store = new AlertStore(dataSource, clock, ids::next, placement.apply(reference));
    this.feed = new AlertFeed();
    List<CorrelationRule> rules = rules(settings);
    this.deviceOffline =
        rules.stream()
            .filter(DeviceOfflineRule.class::isInstance)
            .map(DeviceOfflineRule.class::cast)
            .findFirst()
            .orElseThrow();
    this.listener =
        new CorrelationListener(
            rules, new RuleContext(reference, clock), store, feed, new AlertMetrics(registry));
    this.ticks = timer.scheduleWithFixedDelay(listener::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** The correlation rules, in evaluation order, with their parameters. */
  static List<CorrelationRule> rules(AlertSettings settings) {
    AccessRulesConfig access = settings.access();
    return List.of(
        new PlateHotlistRule(access.plateHotlist()),
        new WatchlistFaceRule(settings.faceThresholds()),
        new DoorForcedRule(),
        new DoorHeldRule(access.heldLongerThan(), MAX_TRACKED),
        new AccessDeniedBurstRule(access.deniedCount(), access.deniedWithin(), MAX_TRACKED),
        new OffHoursAccessRule(access),
        new DeviceOfflineRule(access.deviceOffline(), MAX_TRACKED));
  }

  /** Rule {@code device-offline}, which the device module tells of edges and rebuilt outages. */
  public DeviceOfflineRule deviceOffline() {
    return deviceOffline;
  }

  /** Asks the timed rules what is due now (tests; the timer does it about once a second). */
  public void tickNow() {
    listener.tick();
  }

  /**
   * Give this to the ingest pipeline. It is called on the ingest worker thread, inside the
   * transaction that stores the events: it runs the rules, stores or folds alerts there (blocking
   * JDBC), and publishes them once the transaction commits.
   */
  public TransactionalListener listener() {
    return listener;
  }

  /** The reference data loaded at start (it does not change while the server runs). */
  public ReferenceData reference() {
    return reference;
  }

  /** The alerts, for the API to read. */
  public AlertStore store() {
    return store;
  }

  /** Every alert raised or folded, once committed (the live feed subscribes). */
  public AlertFeed feed() {
    return feed;
  }

  /**
   * From now on, asks {@code guard} before a sighting raises a new alert (suppressions). Set it
   * before {@link #listener()} is given to the pipeline; folds into open alerts are never held.
   */
  public void guardRaises(RaiseGuard guard) {
    store.guardRaises(guard);
  }

  /** Stops asking the timed rules; a tick under way finishes. */
  @Override
  public void close() {
    ticks.cancel(false);
  }
}
