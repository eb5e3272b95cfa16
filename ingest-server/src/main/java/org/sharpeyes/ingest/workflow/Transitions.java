package org.sharpeyes.ingest.workflow;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertFeed;
import org.sharpeyes.ingest.alert.AlertState;
import org.sharpeyes.ingest.alert.AlertStep;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.auth.Jurisdiction;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.Desk;
import org.sharpeyes.ingest.workflow.WorkflowStore.Held;
import org.sharpeyes.ingest.workflow.WorkflowStore.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes steps on alerts: checks who asks (jurisdiction, desk, role: {@link Lifecycle}), what is
 * asked (note, assignee, due, photo: {@link Assignments}), and the state, then writes the step, the
 * audit line, and tells the alert feed and the step listeners. Blocking: call it from a worker.
 * Thread-safe.
 */
public final class Transitions {

  private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

  /** Actor of the server's own steps (timed escalations). */
  public static final String SYSTEM = "system";

  private static final int ATTEMPTS = 5;

  private final WorkflowStore store;
  private final DeskRouting routing;
  private final Assignments assignments;
  private final Whereabouts places;
  private final WorkflowConfig config;
  private final Clock clock;
  private final AlertFeed feed;
  private final AuditTrail audit;
  private final WorkflowMetrics metrics;
  private final List<StepListener> listeners = new CopyOnWriteArrayList<>();

  Transitions(
      WorkflowStore store,
      DeskRouting routing,
      Assignments assignments,
      Whereabouts places,
      WorkflowConfig config,
      Clock clock,
      AlertFeed feed,
      AuditTrail audit,
      WorkflowMetrics metrics) {
    this.store = store;
    this.routing = routing;
    this.assignments = assignments;
    this.places = places;
    this.config = config;
    this.clock = clock;
    this.feed = feed;
    this.audit = audit;
    this.metrics = metrics;
  }

  /** Tells {@code listener} about every step from now on. */
  public void listen(StepListener listener) {
    listeners.add(listener);
  }

  /**
   * Takes the step {@code request} asks for on alert {@code alertId}, for {@code caller} calling
   * from {@code from}. A sighting folding into the alert meanwhile does not spoil the step; another
   * step does ({@link StepResult.Stale} when the caller named a revision).
   */
  public StepResult take(Principal caller, String from, String alertId, StepRequest request)
      throws SQLException {
    for (int attempt = 1; ; attempt++) {
      Optional<Held> found = store.get(alertId);
      if (found.isEmpty() || !visible(caller, found.get())) {
        return new StepResult.NotFound();
      }
      Held held = found.get();
      StepResult checked = check(caller, held, request);
      if (checked != null) {
        refused(caller, from, alertId, request.action(), checked);
        return checked;
      }
      Instant now = clock.instant();
      Decided d = decide(caller, held, request, now);
      if (d.invalid != null) {
        refused(caller, from, alertId, request.action(), d.invalid);
        return d.invalid;
      }
      Outcome outcome = store.step(held, d.to, d.after, d.step, request.photo());
      if (outcome == Outcome.DONE) {
        return done(caller.name(), from, alertId, d.step);
      }
      if (outcome == Outcome.SUBJECT_OPEN) {
        StepResult r =
            new StepResult.Illegal(
                held,
                "another alert of rule "
                    + held.alert().rule()
                    + " about "
                    + held.alert().subjectKey()
                    + " is open: handle that one instead");
        refused(caller, from, alertId, request.action(), r);
        return r;
      }
      if (attempt == ATTEMPTS) {
        return new StepResult.Stale(store.get(alertId).orElse(held));
      }
      // The row changed under us: a sighting folded in, or another step was taken; decide again.
    }
  }

  /**
   * A grid worker sees only what is dispatched to them (anything else does not exist for them); the
   * others are refused outside their jurisdiction by {@link #check}.
   */
  private boolean visible(Principal caller, Held held) {
    if (caller.role() == Role.GRID_WORKER) {
      return "staff".equals(held.handling().assigneeKind())
          && caller.name().equals(held.handling().assignee());
    }
    return true;
  }

  private StepResult check(Principal caller, Held held, StepRequest request) {
    Lifecycle.Rule rule = Lifecycle.rule(request.action());
    AlertState state = held.alert().state();
    if (!rule.roles().contains(caller.role())) {
      return new StepResult.Refused(
          "role "
              + caller.role().label()
              + " may not "
              + rule.action().label()
              + " an alert (allowed: "
              + String.join(", ", rule.roles().stream().map(Role::label).sorted().toList())
              + ")");
    }
    String desk = held.handling().deskCode();
    Jurisdiction j = new Jurisdiction(caller, places);
    if (caller.role() != Role.GRID_WORKER && !j.seesPath(held.alert().regionPath())) {
      return new StepResult.Refused(
          "alert "
              + held.alert().id()
              + " is outside the jurisdiction of "
              + caller.name()
              + " ("
              + caller.jurisdiction()
              + ")");
    }
    if (caller.role() == Role.OPERATOR && desk != null && !j.covers(desk)) {
      return new StepResult.Refused(
          "alert "
              + held.alert().id()
              + " is held by "
              + routing.desk(desk).map(Desk::name).orElse(desk)
              + " ("
              + desk
              + "), outside the jurisdiction of "
              + caller.name()
              + " ("
              + caller.jurisdiction()
              + ")");
    }
    if (request.ifMatch() != null && request.ifMatch() != held.revision()) {
      return new StepResult.Stale(held);
    }
    if (!rule.from().contains(state)) {
      List<String> possible =
          Lifecycle.allowed(state, caller.role()).stream().map(Action::label).toList();
      return new StepResult.Illegal(
          held,
          "cannot "
              + rule.action().label()
              + " an alert that is "
              + state.label()
              + (possible.isEmpty()
                  ? "; you may take no step from there"
                  : "; from " + state.label() + " you may: " + String.join(", ", possible)));
    }
    return assignments.checkNote(request, rule.needsNote());
  }

  /** What a checked step does: the new state and handling, and the step itself. */
  private record Decided(AlertState to, Handling after, AlertStep step, StepResult invalid) {
    static Decided invalid(StepResult r) {
      return new Decided(null, null, null, r);
    }
  }

  private Decided decide(Principal caller, Held held, StepRequest r, Instant now) {
    Alert a = held.alert();
    Handling h = held.handling();
    AlertState to = Lifecycle.rule(r.action()).after(a.state());
    Handling after;
    String assignee = null;
    Instant due = null;
    switch (r.action()) {
      case ACKNOWLEDGE -> after = h.acknowledged(now);
      case DISPATCH -> {
        Assignments.Assignee who = assignments.assignee(a, r, now);
        if (who.invalid() != null) {
          return Decided.invalid(who.invalid());
        }
        assignee = who.id();
        due = who.due();
        after = h.acknowledged(now).dispatched(who.kind(), who.id(), who.due());
      }
      case REPORT -> {
        StepResult wrong = assignments.checkReport(caller, h, r);
        if (wrong != null) {
          return Decided.invalid(wrong);
        }
        after = h.handled(now);
      }
      case SEND_BACK -> after = h;
      case RESOLVE, FALSE_POSITIVE -> after = h.closed(now);
      case REOPEN -> {
        Handling at =
            routing
                .desk(h.deskCode())
                .map(d -> routing.arrive(h, d, a, AlertState.REOPENED, now))
                .orElse(h);
        after = at.reopened(at.ackDue(), at.resolveDue());
      }
      case ESCALATE -> {
        Optional<Desk> up = routing.above(h.deskCode());
        if (up.isEmpty()) {
          return Decided.invalid(new StepResult.Illegal(held, "it is already at the top desk"));
        }
        after = routing.arrive(h.escalated(false), up.get(), a, a.state(), now);
      }
      case PULL_DOWN -> {
        Optional<Desk> down = routing.below(h.deskCode(), a);
        if (down.isEmpty()) {
          return Decided.invalid(
              new StepResult.Illegal(held, "it is already at the lowest desk of its place"));
        }
        after = routing.arrive(h, down.get(), a, a.state(), now);
      }
      default -> throw new IllegalStateException("not a user's step: " + r.action());
    }
    AlertStep step =
        new AlertStep(
            a.version() + 1,
            r.action().label(),
            a.state(),
            to,
            caller.name(),
            caller.role().label(),
            after.deskCode(),
            now,
            Assignments.blankToNull(r.note()),
            assignee,
            due,
            r.photo() != null);
    return new Decided(to, after, step, null);
  }

  /**
   * Escalates {@code held} if one of its deadlines has passed at {@code now}: one level up, or
   * marked overdue at the top desk. Does nothing when another writer changed it first.
   *
   * @return the step taken, if any
   */
  Optional<AlertStep> escalateIfDue(Held held, Instant now) throws SQLException {
    Alert a = held.alert();
    Handling h = held.handling();
    if (!a.state().isOpen() || h.deskCode() == null) {
      return Optional.empty();
    }
    boolean unacknowledged = a.state() == AlertState.NEW || a.state() == AlertState.REOPENED;
    boolean ackLate = unacknowledged && h.ackDue() != null && !h.ackDue().isAfter(now);
    boolean resolveLate = h.resolveDue() != null && !h.resolveDue().isAfter(now);
    if (!ackLate && !resolveLate) {
      return Optional.empty();
    }
    String deskName = routing.desk(h.deskCode()).map(Desk::name).orElse(h.deskCode());
    Duration allowed =
        ackLate
            ? config.deadline(h.deskLevel(), a.severity()).acknowledge()
            : config.deadline(h.deskLevel(), a.severity()).resolve();
    String reason =
        (ackLate ? "not acknowledged within " : "not resolved within ")
            + human(allowed)
            + " at "
            + deskName;
    Optional<Desk> up = routing.above(h.deskCode());
    Handling after =
        up.isPresent()
            ? routing.arrive(h.escalated(true), up.get(), a, a.state(), now)
            : h.overdueAtTop();
    Action action = up.isPresent() ? Action.ESCALATE : Action.OVERDUE;
    AlertStep step =
        new AlertStep(
            a.version() + 1,
            action.label(),
            a.state(),
            a.state(),
            SYSTEM,
            SYSTEM,
            after.deskCode(),
            now,
            reason + (up.isPresent() ? "" : "; nowhere left to escalate"),
            null,
            null,
            false);
    if (store.step(held, a.state(), after, step, null) != Outcome.DONE) {
      metrics.scanRaces.increment();
      return Optional.empty();
    }
    if (up.isEmpty()) {
      metrics.overdueAtTop.increment();
    } else if (ackLate) {
      metrics.escalatedUnacknowledged.increment();
    } else {
      metrics.escalatedUnresolved.increment();
    }
    done(SYSTEM, "server", a.id(), step);
    return Optional.of(step);
  }

  /**
   * The server closes an open alert whose subject recovered (a device back online): the {@code
   * recover} step, by {@link #SYSTEM}, from any open state, with {@code note} in the timeline. A
   * step taken meanwhile by someone else is read again; an alert already closed is left alone.
   *
   * @return the step taken; empty when the alert is unknown or already closed
   */
  public Optional<AlertStep> recover(String alertId, String note) throws SQLException {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<Held> found = store.get(alertId);
      if (found.isEmpty() || !found.get().alert().state().isOpen()) {
        return Optional.empty();
      }
      Held held = found.get();
      Alert a = held.alert();
      Instant now = clock.instant();
      Handling after = held.handling().closed(now);
      AlertState to = Lifecycle.rule(Action.RECOVER).to();
      AlertStep step =
          new AlertStep(
              a.version() + 1,
              Action.RECOVER.label(),
              a.state(),
              to,
              SYSTEM,
              SYSTEM,
              after.deskCode(),
              now,
              note,
              null,
              null,
              false);
      if (store.step(held, to, after, step, null) == Outcome.DONE) {
        done(SYSTEM, "server", alertId, step);
        return Optional.of(step);
      }
    }
    metrics.scanRaces.increment();
    return Optional.empty();
  }

  private StepResult done(String actor, String from, String alertId, AlertStep step)
      throws SQLException {
    metrics.step(step.action());
    Held now = store.get(alertId).orElseThrow();
    audit.record(
        new AuditEntry(
            step.at(),
            actor,
            from,
            "alert." + step.action(),
            alertId,
            "ok",
            step.from().label()
                + " → "
                + step.to().label()
                + (step.deskCode() == null ? "" : " at desk " + step.deskCode())
                + (step.assignee() == null ? "" : ", to " + step.assignee())
                + (step.note() == null ? "" : ": " + step.note())));
    feed.publish(new AlertChange(now.alert(), AlertChange.Kind.STEPPED, step));
    for (StepListener l : listeners) {
      try {
        l.stepped(now, step);
      } catch (RuntimeException e) {
        LOG.error("step listener failed on alert {}", alertId, e);
      }
    }
    return new StepResult.Done(now, step);
  }

  private void refused(
      Principal caller, String from, String alertId, Action action, StepResult why) {
    metrics.refused(kind(why));
    if (why instanceof StepResult.Refused r) {
      audit.record(
          new AuditEntry(
              clock.instant(),
              caller.name(),
              from,
              "alert." + action.label(),
              alertId,
              "refused",
              r.reason()));
    }
  }

  private static String kind(StepResult why) {
    if (why instanceof StepResult.Refused) {
      return "forbidden";
    }
    if (why instanceof StepResult.Stale) {
      return "stale";
    }
    return why instanceof StepResult.Illegal ? "illegal" : "invalid";
  }

  static String human(Duration d) {
    if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
      return d.toDays() + " d";
    }
    if (d.toMinutes() >= 60 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toHours() + " h";
    }
    if (d.toSeconds() >= 60 && d.toSecondsPart() == 0) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }
}
