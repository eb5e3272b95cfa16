package org.sharpeyes.ingest.device;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertFilter;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.config.AccessRulesConfig;
import org.sharpeyes.ingest.config.DeviceOfflineConfig;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.pipeline.StoredEventListener.Stored;
import org.sharpeyes.ingest.pipeline.TransactionalListener;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.ingest.rule.DeviceOfflineRule;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.ingest.workflow.WorkflowModule;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.testing.MutableClock;
import org.sharpeyes.schema.topic.EdgeStatusMessage;

/**
 * One server's alert, workflow and device modules over a test database, wired as the server wires
 * them, with a clock the test moves. Rule {@code device-offline} waits 5 min. Events go through the
 * same transactional path as in the pipeline; the timed rules are asked only by {@link #tick()}.
 */
final class DeviceFixture implements AutoCloseable {

  static final Duration WAIT = Duration.ofMinutes(5);

  /** The demo's first plate reader (edge-wuling-01), in 桂园社区 (430702002001). */
  static final String READER = "43070200001320000101";

  static final String EDGE = "edge-wuling-01";

  final MutableClock clock;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AlertModule alerts;
  final WorkflowModule workflow;
  final DeviceModule devices;
  private final TestDatabase db;
  private final TransactionalListener listener;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final EventCodec codec = new EventCodec();
  private long seq;

  DeviceFixture(TestDatabase db, MutableClock clock, Executor recoveries) throws Exception {
    this.db = db;
    this.clock = clock;
    WorkflowConfig config = WorkflowConfig.defaults().withEscalationScan(Duration.ofHours(1));
    AccessRulesConfig d = AccessRulesConfig.defaults();
    AccessRulesConfig rules =
        new AccessRulesConfig(
            d.deniedCount(),
            d.deniedWithin(),
            d.heldLongerThan(),
            d.allowedFrom(),
            d.allowedUntil(),
            d.zone(),
            d.offHoursDoors(),
            new DeviceOfflineConfig(WAIT, Map.of("gate", Duration.ofMinutes(30)), Severity.MEDIUM));
    AlertSettings defaults = AlertSettings.defaults();
    this.alerts =
        new AlertModule(
            db.dataSource(),
            TestLogins.DEMO_CITY,
            clock,
            registry,
            new AlertSettings(
                defaults.sseMaxClients(),
                defaults.sseQueuePerClient(),
                defaults.faceThresholds(),
                rules),
            timer,
            WorkflowModule.placement(config, clock));
    alerts.close(); // stops only its one-second timer: the tests ask the timed rules by tick()
    this.workflow =
        new WorkflowModule(alerts, db.dataSource(), config, clock, registry, e -> {}, timer);
    this.devices =
        new DeviceModule(
            alerts,
            db.dataSource(),
            (id, note) -> workflow.transitions().recover(id, note),
            recoveries,
            registry);
    this.listener = devices.listenerAfter(alerts.listener());
  }

  /** A status report of {@code deviceId} seen now, stored as the pipeline stores it. */
  EdgeEvent report(String deviceId, DeviceStatus.Availability status, String reason)
      throws Exception {
    EdgeEvent event =
        new EdgeEvent(
            UUID.randomUUID().toString(),
            EDGE,
            deviceId,
            ++seq,
            clock.instant(),
            new DeviceStatus(
                status, reason, status == DeviceStatus.Availability.ONLINE ? 25.0 : null, null));
    new EventStore(db.dataSource())
        .insert(EventRow.of(event, codec.encode(event), clock.instant()));
    Runnable after;
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      after = listener.inTransaction(c, List.of(new Stored(event, clock.instant())));
      c.commit();
    }
    after.run();
    return event;
  }

  void edge(EdgeStatusMessage.State state) {
    devices
        .edgeStatus()
        .update(new EdgeStatusMessage(EDGE, state, clock.instant(), "test"), clock.instant());
  }

  void tick() {
    alerts.tickNow();
  }

  /** The device-offline alerts about {@code subjectKey}, newest first. */
  List<Alert> offlineAlerts(String subjectKey) throws Exception {
    return alerts.store().find(AlertFilter.all(100)).stream()
        .filter(a -> a.rule().equals(DeviceOfflineRule.ID) && a.subjectKey().equals(subjectKey))
        .toList();
  }

  @Override
  public void close() {
    workflow.close();
    alerts.close();
    timer.shutdownNow();
  }
}
