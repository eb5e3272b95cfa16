package org.sharpeyes.ingest.workflow;

import static org.sharpeyes.ingest.alert.AlertState.ACKNOWLEDGED;
import static org.sharpeyes.ingest.alert.AlertState.DISPATCHED;
import static org.sharpeyes.ingest.alert.AlertState.FALSE_POSITIVE;
import static org.sharpeyes.ingest.alert.AlertState.HANDLED;
import static org.sharpeyes.ingest.alert.AlertState.NEW;
import static org.sharpeyes.ingest.alert.AlertState.REOPENED;
import static org.sharpeyes.ingest.alert.AlertState.RESOLVED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.AlertState;

/**
 * THE table of the alert lifecycle: for each action, the states it may be taken from, the state it
 * leads to, who may take it, and what it needs. docs/workflow.md prints this table (a test keeps
 * them the same). Immutable.
 */
public final class Lifecycle {

  /**
   * One line of the table.
   *
   * @param action the step
   * @param from the states it may be taken from
   * @param to the state after it; {@code null} when the state does not change (escalate, pull-down,
   *     overdue move the alert between desks, or mark it)
   * @param roles who may take it by hand (empty: only the server)
   * @param needsNote true when a note is required (the reason)
   * @param what what the step means, for the documentation
   */
  public record Rule(
      Action action,
      Set<AlertState> from,
      AlertState to,
      Set<Role> roles,
      boolean needsNote,
      String what) {

    public Rule {
      from = Set.copyOf(from);
      roles = roles.isEmpty() ? Set.of() : Set.copyOf(roles);
    }

    /** The state after the step, taken from {@code current}. */
    public AlertState after(AlertState current) {
      return to == null ? current : to;
    }
  }

  private static final Set<AlertState> OPEN =
      EnumSet.of(NEW, ACKNOWLEDGED, DISPATCHED, HANDLED, REOPENED);
  private static final Set<Role> DESK = EnumSet.of(Role.OPERATOR, Role.SUPERVISOR);

  private static final Map<Action, Rule> TABLE = new EnumMap<>(Action.class);

  static {
    add(
        Action.ACKNOWLEDGE,
        EnumSet.of(NEW, REOPENED),
        ACKNOWLEDGED,
        DESK,
        false,
        "the desk has seen it and takes it on");
    add(
        Action.DISPATCH,
        EnumSet.of(ACKNOWLEDGED, DISPATCHED, REOPENED),
        DISPATCHED,
        DESK,
        false,
        "hand it to a grid worker or a department, with a due time (again: re-dispatch)");
    add(
        Action.REPORT,
        EnumSet.of(DISPATCHED),
        HANDLED,
        EnumSet.of(Role.GRID_WORKER, Role.OPERATOR, Role.SUPERVISOR),
        true,
        "the assignee reports back what was done, optionally with a photo (a desk reports for"
            + " a department)");
    add(
        Action.SEND_BACK,
        EnumSet.of(HANDLED),
        DISPATCHED,
        DESK,
        true,
        "the desk is not satisfied with the report and hands it back to the assignee");
    add(
        Action.RESOLVE,
        EnumSet.of(ACKNOWLEDGED, HANDLED),
        RESOLVED,
        DESK,
        false,
        "the desk closes it after review (or after handling it itself)");
    add(
        Action.FALSE_POSITIVE,
        OPEN,
        FALSE_POSITIVE,
        DESK,
        true,
        "closes it as a false alarm; the same rule, subject and device stay quiet for a while");
    add(
        Action.REOPEN,
        EnumSet.of(RESOLVED, FALSE_POSITIVE),
        REOPENED,
        EnumSet.of(Role.SUPERVISOR),
        true,
        "a closed alert goes back to its desk");
    add(
        Action.ESCALATE,
        OPEN,
        null,
        EnumSet.of(Role.SUPERVISOR),
        true,
        "moves it to the desk one level up (the server does this when a deadline passes)");
    add(
        Action.PULL_DOWN,
        OPEN,
        null,
        EnumSet.of(Role.SUPERVISOR),
        true,
        "moves it to the desk one level down, towards its grid");
    add(
        Action.OVERDUE,
        OPEN,
        null,
        EnumSet.noneOf(Role.class),
        true,
        "the server marks it overdue when a deadline passes at the top desk");
    add(
        Action.RECOVER,
        OPEN,
        RESOLVED,
        EnumSet.noneOf(Role.class),
        true,
        "the server closes it when its subject recovers (a device back online), noting how long"
            + " it was down");
  }

  private Lifecycle() {}

  private static void add(
      Action action,
      Set<AlertState> from,
      AlertState to,
      Set<Role> roles,
      boolean needsNote,
      String what) {
    TABLE.put(action, new Rule(action, from, to, roles, needsNote, what));
  }

  public static Rule rule(Action action) {
    return TABLE.get(action);
  }

  /** Every line, in the order of {@link Action}. */
  public static List<Rule> rules() {
    return List.copyOf(TABLE.values());
  }

  /** The actions that may be taken from {@code state} by {@code role}, in table order. */
  public static List<Action> allowed(AlertState state, Role role) {
    return TABLE.values().stream()
        .filter(r -> r.from().contains(state) && r.roles().contains(role))
        .map(Rule::action)
        .toList();
  }
}
