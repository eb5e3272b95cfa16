package org.sharpeyes.ingest.suppression;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.sharpeyes.ingest.alert.AlertLocation;
import org.sharpeyes.ingest.alert.RaiseGuard;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.rule.AlertCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active suppressions in memory, by subject: the raise guard of the ingest path reads this
 * snapshot and never the database. {@link #reload} replaces it (every few seconds, and at once
 * after a local change) and writes the hits counted since the last one. Thread-safe.
 */
final class ActiveSuppressions implements RaiseGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ActiveSuppressions.class);

  private final SuppressionStore store;
  private final ReferenceData reference;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Map<String, LongAdder> pendingHits = new ConcurrentHashMap<>();
  private final Map<String, String> siteNames = new HashMap<>();
  private volatile Map<String, List<Suppression>> bySubject = Map.of();
  private volatile Map<String, Suppression> byId = Map.of();

  ActiveSuppressions(
      SuppressionStore store, ReferenceData reference, Clock clock, MeterRegistry registry) {
    this.store = store;
    this.reference = reference;
    this.clock = clock;
    this.registry = registry;
    reference.sites().forEach(site -> siteNames.put(site.id(), site.name()));
    Gauge.builder("sharpeyes.suppression.active", this, a -> a.count())
        .description("Suppressions active in the last snapshot (snoozes and false positives)")
        .register(registry);
  }

  @Override
  public Optional<String> suppressedBy(AlertCandidate candidate, AlertLocation location) {
    List<Suppression> candidates =
        bySubject.get(Suppression.subject(candidate.subjectType().label(), candidate.subjectKey()));
    if (candidates == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    for (Suppression s : candidates) {
      if (s.activeAt(now)
          && (s.rule() == null || s.rule().equals(candidate.rule()))
          && at(s, location.deviceId())) {
        return Optional.of(s.id());
      }
    }
    return Optional.empty();
  }

  @Override
  public void held(String suppressionId, AlertCandidate candidate, AlertLocation location) {
    pendingHits.computeIfAbsent(suppressionId, id -> new LongAdder()).increment();
    String kind = kindOf(suppressionId);
    Counter.builder("sharpeyes.suppression.suppressed")
        .description("Sightings that would have raised an alert, held back by a suppression")
        .tag("kind", kind)
        .register(registry)
        .increment();
    LOG.debug(
        "suppression {} ({}) held back a {} alert for {} {} at device {}",
        suppressionId,
        kind,
        candidate.rule(),
        candidate.subjectType().label(),
        candidate.subjectKey(),
        location.deviceId());
  }

  /** True when the suppression names this device, or a site the device watches. */
  private boolean at(Suppression s, String deviceId) {
    if (s.deviceId() != null) {
      return s.deviceId().equals(deviceId);
    }
    if (s.siteId() == null) {
      return true;
    }
    String siteName = siteNames.get(s.siteId());
    return siteName != null
        && reference.device(deviceId).map(Device::site).filter(siteName::equals).isPresent();
  }

  /**
   * Writes the hits counted since the last reload, then reads the active suppressions again. Never
   * throws: a database that does not answer keeps the old snapshot (and the hits, for the next
   * time).
   */
  synchronized void reload() {
    try {
      flushHits();
      Map<String, List<Suppression>> next = new HashMap<>();
      for (Suppression s : store.active(clock.instant())) {
        next.computeIfAbsent(
                Suppression.subject(s.subjectType(), s.subjectKey()), k -> new ArrayList<>())
            .add(s);
      }
      next.replaceAll((k, v) -> List.copyOf(v));
      Map<String, Suppression> ids = new HashMap<>();
      next.values().forEach(list -> list.forEach(x -> ids.put(x.id(), x)));
      byId = Map.copyOf(ids);
      bySubject = Map.copyOf(next);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("suppressions: cannot reload them, keeping the last snapshot: {}", e.toString());
    }
  }

  /** Hits counted in memory and not yet written, for a listing. */
  long pendingHits(String id) {
    LongAdder a = pendingHits.get(id);
    return a == null ? 0 : a.sum();
  }

  private void flushHits() throws SQLException {
    Map<String, Long> taken = new HashMap<>();
    for (String id : List.copyOf(pendingHits.keySet())) {
      LongAdder a = pendingHits.get(id);
      long n = a == null ? 0 : a.sumThenReset();
      if (n > 0) {
        taken.put(id, n);
      }
    }
    try {
      store.addHits(taken);
    } catch (SQLException e) {
      taken.forEach((id, n) -> pendingHits.computeIfAbsent(id, x -> new LongAdder()).add(n));
      throw e;
    }
  }

  private String kindOf(String id) {
    Suppression s = byId.get(id);
    return s == null ? "unknown" : s.kind();
  }

  private int count() {
    return byId.size();
  }
}
