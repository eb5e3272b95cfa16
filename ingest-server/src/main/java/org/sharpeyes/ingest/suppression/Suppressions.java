package org.sharpeyes.ingest.suppression;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.DeviceLocation;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.RegionDirectory;
import org.sharpeyes.ingest.reference.Site;
import org.sharpeyes.ingest.rule.RuleIds;
import org.sharpeyes.ingest.rule.SubjectType;

/**
 * What a desk may do with suppressions: snooze a subject, list the active ones of its jurisdiction,
 * lift one; each change audited and followed by a reload of the snapshot. Blocking.
 */
final class Suppressions {

  /** A desk's snooze, as asked for; {@code rule} may be null (every rule). */
  record Snooze(
      String subjectType,
      String subjectKey,
      String deviceId,
      String siteId,
      String rule,
      Duration duration,
      String reason) {}

  /** How a snooze or a lift ended. */
  sealed interface Outcome {}

  record Done(Suppression suppression) implements Outcome {}

  record NotFound() implements Outcome {}

  record Refused(String reason) implements Outcome {}

  record Invalid(String field, String reason) implements Outcome {}

  private static final int REASON_MAX = 2000;

  private final SuppressionStore store;
  private final ActiveSuppressions active;
  private final ReferenceData reference;
  private final Whereabouts places;
  private final WorkflowConfig config;
  private final Clock clock;
  private final AuditTrail audit;
  private final Supplier<String> ids;

  Suppressions(
      SuppressionStore store,
      ActiveSuppressions active,
      ReferenceData reference,
      WorkflowConfig config,
      Clock clock,
      AuditTrail audit,
      Supplier<String> ids) {
    this.store = store;
    this.active = active;
    this.reference = reference;
    this.places = Whereabouts.of(reference);
    this.config = config;
    this.clock = clock;
    this.audit = audit;
    this.ids = ids;
  }

  String newId() {
    return ids.get();
  }

  Outcome snooze(Principal caller, String from, Snooze r) throws SQLException {
    Optional<Invalid> invalid = invalid(r);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    Jurisdiction j = new Jurisdiction(caller, places);
    String regionPath;
    boolean covered;
    if (r.deviceId() != null) {
      regionPath = reference.locate(r.deviceId()).map(DeviceLocation::regionPath).orElse("/");
      covered = j.coversDevice(r.deviceId());
    } else {
      Site site = site(r.siteId()).orElseThrow();
      regionPath = RegionDirectory.path(reference.regions().chain(site.gridCode()));
      covered = j.covers(site.gridCode());
    }
    String where = r.deviceId() != null ? "device " + r.deviceId() : "site " + r.siteId();
    if (!covered) {
      String reason = where + " is outside the jurisdiction of " + caller.name();
      audit.record(
          new AuditEntry(
              clock.instant(),
              caller.name(),
              from,
              "suppression.add",
              r.subjectType() + " " + r.subjectKey(),
              "refused",
              reason));
      return new Refused(reason);
    }
    Instant now = clock.instant();
    Suppression s =
        new Suppression(
            ids.get(),
            Suppression.SNOOZE,
            r.rule(),
            r.subjectType(),
            r.subjectKey(),
            r.deviceId(),
            r.siteId(),
            regionPath,
            r.reason().strip(),
            caller.name(),
            now,
            now.plus(r.duration()),
            null,
            0);
    store.add(s);
    audit.record(
        new AuditEntry(
            now,
            caller.name(),
            from,
            "suppression.add",
            s.id(),
            "ok",
            "snooze "
                + s.subjectType()
                + " "
                + s.subjectKey()
                + " at "
                + where
                + (s.rule() == null ? "" : " for rule " + s.rule())
                + " for "
                + r.duration()
                + ": "
                + s.reason()));
    active.reload();
    return new Done(s);
  }

  /** A suppression left by marking an alert false-positive (audited as the marking user's). */
  void falsePositive(Suppression s) throws SQLException {
    store.add(s);
    audit.record(
        new AuditEntry(
            s.createdAt(),
            s.createdBy(),
            "server",
            "suppression.add",
            s.id(),
            "ok",
            "false-positive "
                + s.rule()
                + " "
                + s.subjectType()
                + " "
                + s.subjectKey()
                + " at device "
                + s.deviceId()
                + " until "
                + s.expiresAt()));
    active.reload();
  }

  Outcome lift(Principal caller, String from, String id) throws SQLException {
    Optional<Suppression> found = store.get(id);
    if (found.isEmpty()) {
      return new NotFound();
    }
    Jurisdiction j = new Jurisdiction(caller, places);
    if (!j.seesPath(found.get().regionPath())) {
      String reason = "suppression " + id + " is outside the jurisdiction of " + caller.name();
      audit.record(
          new AuditEntry(
              clock.instant(), caller.name(), from, "suppression.lift", id, "refused", reason));
      return new Refused(reason);
    }
    Instant now = clock.instant();
    if (store.lift(id, now)) {
      audit.record(
          new AuditEntry(
              now,
              caller.name(),
              from,
              "suppression.lift",
              id,
              "ok",
              found.get().kind()
                  + " "
                  + found.get().subjectType()
                  + " "
                  + found.get().subjectKey()));
      active.reload();
    }
    return new Done(store.get(id).orElseThrow());
  }

  /** The active ones the caller's jurisdiction covers, with the hits counted so far. */
  List<Suppression> activeFor(Principal caller) throws SQLException {
    Jurisdiction j = new Jurisdiction(caller, places);
    return store.active(clock.instant()).stream()
        .filter(s -> j.seesPath(s.regionPath()))
        .map(s -> s.withHits(active.pendingHits(s.id())))
        .toList();
  }

  private Optional<Invalid> invalid(Snooze r) {
    if (r.subjectType() == null || SubjectType.fromLabel(r.subjectType()).isEmpty()) {
      return invalid(
          "subjectType",
          "must be one of "
              + java.util.Arrays.stream(SubjectType.values()).map(SubjectType::label).toList());
    }
    if (r.subjectKey() == null || r.subjectKey().isBlank() || r.subjectKey().length() > 64) {
      return invalid("subjectKey", "is required, at most 64 characters (e.g. a plate)");
    }
    if ((r.deviceId() == null) == (r.siteId() == null)) {
      return invalid("deviceId", "name either deviceId or siteId, not both and not neither");
    }
    if (r.deviceId() != null && reference.device(r.deviceId()).isEmpty()) {
      return invalid("deviceId", "'" + r.deviceId() + "' is not a device of the reference data");
    }
    if (r.siteId() != null && site(r.siteId()).isEmpty()) {
      return invalid("siteId", "'" + r.siteId() + "' is not a site of sites.csv");
    }
    if (r.rule() != null && !RuleIds.ALL.contains(r.rule())) {
      return invalid("rule", "'" + r.rule() + "' is not a rule; one of " + RuleIds.ALL);
    }
    if (r.duration() == null || r.duration().isNegative() || r.duration().isZero()) {
      return invalid("for", "is required: an ISO-8601 duration such as PT8H");
    }
    if (r.duration().compareTo(config.maxSnooze()) > 0) {
      return invalid("for", "is longer than workflow.maxSnooze (" + config.maxSnooze() + ")");
    }
    int max = Math.min(REASON_MAX, config.noteMaxChars());
    if (r.reason() == null || r.reason().isBlank() || r.reason().length() > max) {
      return invalid("reason", "is required, at most " + max + " characters");
    }
    return Optional.empty();
  }

  private static Optional<Invalid> invalid(String field, String reason) {
    return Optional.of(new Invalid(field, reason));
  }

  private Optional<Site> site(String id) {
    return reference.sites().stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
