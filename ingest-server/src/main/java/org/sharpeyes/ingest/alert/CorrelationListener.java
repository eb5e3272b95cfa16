package org.sharpeyes.ingest.alert;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sharpeyes.ingest.pipeline.TransactionalListener;
import org.sharpeyes.ingest.reference.DeviceLocation;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.Region;
import org.sharpeyes.ingest.reference.RegionDirectory;
import org.sharpeyes.ingest.reference.RegionLevel;
import org.sharpeyes.ingest.rule.AlertCandidate;
import org.sharpeyes.ingest.rule.CorrelationRule;
import org.sharpeyes.ingest.rule.RuleContext;
import org.sharpeyes.ingest.rule.TimedRule;
import org.sharpeyes.schema.event.EdgeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every rule on each stored event and records what they find. In the pipeline, alerts are
 * recorded in the transaction that stores their events ({@link #inTransaction}) and published once
 * it commits. Called on the ingest worker thread (blocking JDBC is fine there). A rule that fails
 * is logged with the event and device id and counted in {@code sharpeyes_alert_failures}, and the
 * next rule still runs.
 */
final class CorrelationListener implements TransactionalListener {

  private static final Logger LOG = LoggerFactory.getLogger(CorrelationListener.class);

  private final List<CorrelationRule> rules;
  private final RuleContext context;
  private final AlertStore store;
  private final AlertFeed feed;
  private final AlertMetrics metrics;
  private final Clock clock;

  CorrelationListener(
      List<CorrelationRule> rules,
      RuleContext context,
      AlertStore store,
      AlertFeed feed,
      AlertMetrics metrics) {
    this.rules = List.copyOf(rules);
    this.context = context;
    this.store = store;
    this.feed = feed;
    this.metrics = metrics;
    this.clock = context.clock();
  }

  @Override
  public void onStored(EdgeEvent event, Instant receivedAt) {
    onStoredBatch(List.of(new Stored(event, receivedAt)));
  }

  /** Evaluates every rule on every event and records the sightings on {@code c}, uncommitted. */
  @Override
  public Runnable inTransaction(Connection c, List<Stored> batch) throws SQLException {
    List<Found> found = find(batch);
    if (found.isEmpty()) {
      return () -> {};
    }
    List<AlertStore.Recorded> recorded = store.recordEach(c, sightings(found));
    return () -> announceAll(found, recorded);
  }

  /**
   * Outside the pipeline: evaluates every rule on every event, then records all sightings in a
   * transaction of their own. Never throws: an alert that cannot be stored is logged and counted.
   */
  @Override
  public void onStoredBatch(List<Stored> batch) {
    List<Found> found = find(batch);
    if (found.isEmpty()) {
      return;
    }
    List<AlertStore.Recorded> recorded;
    try {
      recorded = store.recordEach(sightings(found));
    } catch (SQLException | RuntimeException e) {
      // Record them one by one, so that one bad sighting costs only itself.
      found.forEach(this::record);
      return;
    }
    announceAll(found, recorded);
  }

  /**
   * Asks the timed rules what is due now (a door still open) and records it in a transaction of its
   * own. Called about once a second on the alert module's timer thread. Never throws.
   */
  void tick() {
    Instant now = clock.instant();
    List<Found> found = new ArrayList<>();
    for (CorrelationRule rule : rules) {
      if (rule instanceof TimedRule timed) {
        try {
          for (TimedRule.Finding f : timed.due(now, context)) {
            found.add(
                new Found(
                    f.candidate(),
                    f.eventId(),
                    f.seenAt(),
                    f.deviceId(),
                    now,
                    f.regionCode() == null
                        ? locate(f.candidate(), f.deviceId(), "?")
                        : placeAt(f.deviceId(), f.regionCode())));
          }
        } catch (RuntimeException e) {
          metrics.failed(rule.id(), "due");
          LOG.error("rule {} failed on its timer", rule.id(), e);
        }
      }
    }
    if (found.isEmpty()) {
      return;
    }
    try {
      announceAll(found, store.recordEach(sightings(found)));
    } catch (SQLException | RuntimeException e) {
      found.forEach(this::record);
    }
  }

  private List<Found> find(List<Stored> batch) {
    List<Found> found = new ArrayList<>();
    for (Stored s : batch) {
      EdgeEvent e = s.event();
      for (AlertCandidate c : evaluate(e)) {
        found.add(
            new Found(
                c,
                e.id(),
                e.time(),
                e.deviceId(),
                s.receivedAt(),
                locate(c, e.deviceId(), e.edgeId())));
      }
    }
    return found;
  }

  private static List<AlertStore.Sighting> sightings(List<Found> found) {
    return found.stream()
        .map(f -> new AlertStore.Sighting(f.candidate(), f.location(), f.eventId(), f.seenAt()))
        .toList();
  }

  private void announceAll(List<Found> found, List<AlertStore.Recorded> recorded) {
    for (int i = 0; i < recorded.size(); i++) {
      announce(found.get(i), recorded.get(i));
    }
  }

  private record Found(
      AlertCandidate candidate,
      String eventId,
      Instant seenAt,
      String deviceId,
      Instant receivedAt,
      AlertLocation location) {}

  private List<AlertCandidate> evaluate(EdgeEvent event) {
    List<AlertCandidate> candidates = new ArrayList<>(1);
    for (CorrelationRule rule : rules) {
      Optional<AlertCandidate> candidate;
      try {
        candidate = rule.evaluate(event, context);
      } catch (RuntimeException e) {
        metrics.failed(rule.id(), "evaluate");
        LOG.error(
            "rule {} failed on event {} from device {}",
            rule.id(),
            event.id(),
            event.deviceId(),
            e);
        continue;
      }
      candidate.ifPresent(candidates::add);
    }
    return candidates;
  }

  private void record(Found f) {
    AlertCandidate candidate = f.candidate();
    AlertStore.Recorded recorded;
    try {
      recorded = store.recordOne(candidate, f.location(), f.eventId(), f.seenAt());
    } catch (SQLException | RuntimeException e) {
      metrics.failed(candidate.rule(), "record");
      LOG.error(
          "cannot store {} alert for {} {} (event {} from device {})",
          candidate.rule(),
          candidate.subjectType().label(),
          candidate.subjectKey(),
          f.eventId(),
          f.deviceId(),
          e);
      return;
    }
    announce(f, recorded);
  }

  /**
   * Publishes a change once its transaction committed; a sighting a suppression held back is told
   * to the guard (which counts it) and publishes nothing: the feed's subscribers never see it.
   */
  private void announce(Found f, AlertStore.Recorded recorded) {
    if (recorded.held()) {
      store.guard().held(recorded.heldBy(), f.candidate(), f.location());
      return;
    }
    announce(f.candidate(), recorded.change(), f.receivedAt());
  }

  private void announce(AlertCandidate candidate, AlertChange change, Instant receivedAt) {
    switch (change.kind()) {
      case RAISED -> metrics.raised(candidate.rule(), change.alert().severity());
      case FOLDED -> metrics.folded(candidate.rule());
      case ALREADY_RECORDED -> {
        return;
      }
    }
    feed.publish(change);
    metrics.latency(candidate.rule(), Duration.between(receivedAt, clock.instant()));
  }

  /** At a region rather than a grid cell (an edge: the region its devices share). */
  private AlertLocation placeAt(String deviceId, String regionCode) {
    RegionDirectory regions = context.reference().regions();
    List<Region> chain = regions.chain(regionCode);
    boolean village =
        regions.byCode(regionCode).map(r -> r.level() == RegionLevel.VILLAGE).orElse(false);
    return new AlertLocation(
        deviceId, null, village ? regionCode : null, RegionDirectory.path(chain));
  }

  /**
   * The device's cell and regions. A device missing from the reference data still raises its alert,
   * placed by the county code its GB/T 28181 id starts with (or nowhere), and is counted.
   */
  private AlertLocation locate(AlertCandidate candidate, String deviceId, String edgeId) {
    ReferenceData reference = context.reference();
    Optional<DeviceLocation> known = reference.locate(deviceId);
    if (known.isPresent()) {
      DeviceLocation l = known.get();
      return new AlertLocation(deviceId, l.grid().code(), l.grid().villageCode(), l.regionPath());
    }
    metrics.unlocated(candidate.rule());
    LOG.warn(
        "device {} (edge {}) is not in the reference data; alert placed by its id prefix",
        deviceId,
        edgeId);
    String county = deviceId.length() >= 6 ? deviceId.substring(0, 6) : "";
    List<Region> chain = reference.regions().chain(county);
    return new AlertLocation(deviceId, null, null, RegionDirectory.path(chain));
  }
}
