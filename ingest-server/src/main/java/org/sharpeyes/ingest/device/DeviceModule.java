package org.sharpeyes.ingest.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.pipeline.EdgeStatusSink;
import org.sharpeyes.ingest.pipeline.TransactionalListener;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.rule.DeviceOfflineRule;
import org.sharpeyes.ingest.rule.SubjectType;
import org.sharpeyes.schema.event.DeviceStatus;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.topic.EdgeStatusMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device health on the server: the availability of every device ({@link DeviceStates}), kept from
 * {@code device.status} events (stored in {@code device_states} in the events' transaction, read
 * back at start) and from the edges' status messages; rule {@code device-offline} told of edges and
 * of outages that began before a restart; and the closing of a {@code device-offline} alert when
 * its device or edge is back (the {@code recover} step, by the server).
 *
 * <p>Give {@link #listener()} to the pipeline and {@link #edgeStatus()} to where edge status
 * messages arrive. Closing an alert is blocking JDBC and runs on the {@code recoveries} executor,
 * never on the ingest worker.
 */
public final class DeviceModule {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceModule.class);

  /** Most devices tracked that devices.csv does not list. */
  public static final int MAX_UNLISTED = 10_000;

  /** Closes an open alert as recovered, with a note for its timeline (the workflow's step). */
  @FunctionalInterface
  public interface Recoverer {
    void recover(String alertId, String note) throws SQLException;
  }

  private final ReferenceData reference;
  private final DataSource dataSource;
  private final DeviceOfflineRule rule;
  private final DeviceStates states;
  private final OfflineAlerts alerts;
  private final Recoverer recoverer;
  private final Executor recoveries;
  private final Counter recovered;
  private final Counter recoveryFailures;

  /**
   * Rebuilds the states from {@code device_states} (migration V9) and tells the rule of the devices
   * still offline, so that their wait goes on from when they went offline.
   */
  public DeviceModule(
      AlertModule alertModule,
      DataSource dataSource,
      Recoverer recoverer,
      Executor recoveries,
      MeterRegistry registry)
      throws SQLException {
    this.reference = alertModule.reference();
    this.dataSource = dataSource;
    this.rule = alertModule.deviceOffline();
    this.states = new DeviceStates(reference.devices(), MAX_UNLISTED);
    this.alerts = new OfflineAlerts(dataSource);
    this.recoverer = recoverer;
    this.recoveries = recoveries;
    int offline = 0;
    List<DeviceState> stored =
        new DeviceStateStore(dataSource).load(reference.devices().size() + MAX_UNLISTED);
    for (DeviceState s : stored) {
      states.apply(s);
      if (s.availability() == Availability.OFFLINE) {
        rule.offlineSince(s.deviceId(), s.sinceEventId(), s.since());
        offline++;
      }
    }
    LOG.info(
        "device states: {} listed devices, {} with a stored report, {} offline",
        reference.devices().size(),
        stored.size(),
        offline);
    for (Availability a : Availability.values()) {
      Gauge.builder("sharpeyes.devices", states, s -> s.counts().get(a))
          .description("Devices by their availability now (devices.csv and those that reported)")
          .tag("availability", a.label())
          .register(registry);
    }
    this.recovered =
        Counter.builder("sharpeyes.devices.recovered")
            .description("device-offline alerts closed because the device or edge came back")
            .register(registry);
    this.recoveryFailures =
        Counter.builder("sharpeyes.devices.recovery.failures")
            .description("device-offline alerts that could not be closed on recovery")
            .register(registry);
    FunctionCounter.builder("sharpeyes.devices.untracked", states, DeviceStates::untracked)
        .description("Reports of unlisted devices, and edge wills, not kept: a bound was reached")
        .register(registry);
    alertModule.feed().subscribe(this::raisedWhileBack);
  }

  /**
   * The rule's timer may raise an alert just as its device or edge comes back (it decided before
   * the online report, and stored after the look-up for an open alert): such an alert is closed as
   * soon as it is announced.
   */
  private void raisedWhileBack(AlertChange change) {
    Alert a = change.alert();
    if (change.kind() != AlertChange.Kind.RAISED || !DeviceOfflineRule.ID.equals(a.rule())) {
      return;
    }
    Optional<Instant> backAt =
        a.subjectType() == SubjectType.EDGE
            ? states.edgeBackSince(a.subjectKey())
            : states
                .reported(a.subjectKey())
                .filter(s -> s.availability() == Availability.ONLINE)
                .map(DeviceState::since);
    backAt.ifPresent(at -> closeLater(a.subjectType(), a.subjectKey(), at));
  }

  /** Give this to the pipeline (with the alert module's listener, in one transaction). */
  public TransactionalListener listener() {
    return new Listener();
  }

  /**
   * {@code alerts} (the alert module's listener) then this module's, as the one listener of an
   * extension: device states are written in the same transaction as the alerts and events.
   */
  public TransactionalListener listenerAfter(TransactionalListener alerts) {
    return new ListenerPair(alerts, listener());
  }

  /** Give this where edge status messages arrive, next to the server's EdgePresence. */
  public EdgeStatusSink edgeStatus() {
    return this::onEdgeStatus;
  }

  /** The states and their open alerts, for {@code GET /api/devices}. */
  public DeviceRoutes routes(org.sharpeyes.ingest.http.BlockingDispatch dispatch) {
    return new DeviceRoutes(
        reference, states, alerts, org.sharpeyes.ingest.auth.Whereabouts.of(reference), dispatch);
  }

  /** What is known of one device now (tests and the route). */
  public Optional<DeviceState> state(String deviceId) {
    return states.get(deviceId);
  }

  private final class Listener implements TransactionalListener {

    @Override
    public void onStored(EdgeEvent event, Instant receivedAt) {
      onStoredBatch(List.of(new Stored(event, receivedAt)));
    }

    @Override
    public Runnable inTransaction(Connection c, List<Stored> batch) throws SQLException {
      List<DeviceState> saved = new ArrayList<>();
      Map<String, DeviceState> pending = new HashMap<>();
      for (Stored s : batch) {
        Optional<DeviceState> next = next(s.event(), pending);
        if (next.isPresent() && DeviceStateStore.save(c, next.get())) {
          saved.add(next.get());
          pending.put(next.get().deviceId(), next.get());
        }
      }
      return () -> saved.forEach(DeviceModule.this::applied);
    }

    /** Outside the pipeline: each report in a transaction of its own. Never throws. */
    @Override
    public void onStoredBatch(List<Stored> batch) {
      for (Stored s : batch) {
        Optional<DeviceState> next = next(s.event(), Map.of());
        if (next.isEmpty()) {
          continue;
        }
        try (Connection c = dataSource.getConnection()) {
          c.setAutoCommit(false);
          boolean saved = DeviceStateStore.save(c, next.get());
          c.commit();
          if (saved) {
            applied(next.get());
          }
        } catch (SQLException e) {
          LOG.error(
              "cannot store the status of device {} (event {})",
              s.event().deviceId(),
              s.event().id(),
              e);
        }
      }
    }
  }

  /** The state a report leads to; empty when it is not a device report. */
  private Optional<DeviceState> next(EdgeEvent event, Map<String, DeviceState> pending) {
    if (!(event.data() instanceof DeviceStatus s)) {
      return Optional.empty();
    }
    Availability now = Availability.of(s.status());
    Optional<DeviceState> before =
        Optional.ofNullable(pending.get(event.deviceId()))
            .or(() -> states.reported(event.deviceId()));
    boolean same = before.map(b -> b.availability() == now && b.since() != null).orElse(false);
    return Optional.of(
        new DeviceState(
            event.deviceId(),
            event.edgeId(),
            now,
            same ? before.get().since() : event.time(),
            s.reason(),
            s.fps(),
            s.latencyMs(),
            event.time(),
            event.id(),
            same ? before.get().sinceEventId() : event.id()));
  }

  /** After commit: the state in memory, and the alert closed when the device is back. */
  private void applied(DeviceState s) {
    Optional<DeviceState> before = states.apply(s);
    if (before.isPresent()
        && s.availability() == Availability.ONLINE
        && before.get().availability() != Availability.ONLINE) {
      closeLater(SubjectType.DEVICE, s.deviceId(), s.reportedAt());
    }
  }

  private boolean onEdgeStatus(EdgeStatusMessage message, Instant receivedAt) {
    String edgeId = message.edgeId();
    if (message.state() == EdgeStatusMessage.State.OFFLINE) {
      states.edgeOffline(edgeId, receivedAt);
      EdgePlace place = EdgePlace.of(edgeId, reference);
      rule.edgeOffline(
          edgeId,
          place.placeBy(),
          place.regionCode(),
          evidenceId(edgeId, receivedAt),
          receivedAt,
          "edge " + edgeId + " (" + place.devices() + " devices)");
    } else {
      states.edgeOnline(edgeId, receivedAt);
      rule.edgeOnline(edgeId);
      closeLater(SubjectType.EDGE, edgeId, receivedAt);
    }
    return true;
  }

  /** Stands for a last will in an alert's evidence (there is no event). */
  static String evidenceId(String edgeId, Instant at) {
    String id = "edge-will-" + at.toEpochMilli() + "-" + edgeId;
    return id.length() <= 64 ? id : id.substring(0, 64);
  }

  private void closeLater(SubjectType type, String key, Instant backAt) {
    try {
      recoveries.execute(() -> close(type, key, backAt));
    } catch (RejectedExecutionException e) {
      recoveryFailures.increment();
      LOG.warn("{} {} is back, but its alert cannot be closed now: {}", type.label(), key, e);
    }
  }

  private void close(SubjectType type, String key, Instant backAt) {
    try {
      Optional<OfflineAlerts.Open> open = alerts.of(type, key);
      if (open.isEmpty()) {
        return;
      }
      Duration down = Duration.between(open.get().downSince(), backAt);
      recoverer.recover(open.get().alertId(), "back online after " + human(down));
      recovered.increment();
      LOG.info(
          "{} {} back online after {}: alert {} closed",
          type.label(),
          key,
          human(down),
          open.get().alertId());
    } catch (SQLException | RuntimeException e) {
      recoveryFailures.increment();
      LOG.error(
          "{} {} is back, but its device-offline alert could not be closed", type.label(), key, e);
    }
  }

  /** E.g. {@code 12m 30s}, {@code 2h 5m 0s}, {@code 45s}. */
  static String human(Duration d) {
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    StringBuilder s = new StringBuilder();
    if (d.toDays() > 0) {
      s.append(d.toDays()).append("d ");
    }
    if (d.toHours() > 0) {
      s.append(d.toHoursPart()).append("h ");
    }
    if (d.toMinutes() > 0) {
      s.append(d.toMinutesPart()).append("m ");
    }
    return s.append(d.toSecondsPart()).append('s').toString();
  }
}
