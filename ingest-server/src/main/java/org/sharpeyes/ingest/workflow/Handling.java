package org.sharpeyes.ingest.workflow;

import java.time.Instant;
import java.util.Locale;
import org.sharpeyes.ingest.reference.RegionLevel;

/**
 * Where an alert is in the command structure: the desk holding it, its deadlines there, and who it
 * is dispatched to (the workflow columns of {@code alerts}, migration V7).
 *
 * @param deskCode the region code of the holding desk; {@code null} for an alert raised before the
 *     workflow existed and not yet placed
 * @param deskLevel that desk's level
 * @param startLevel the level it was routed to when raised
 * @param topLevel the highest level it has reached
 * @param ackDue when the holding desk must acknowledge it by; {@code null} once acknowledged
 * @param resolveDue when the holding desk must resolve it by
 * @param nextDeadline the deadline the escalation scan waits for; {@code null} when none is pending
 * @param overdue true once any deadline passed (超时)
 * @param escalations how often it moved up
 * @param assigneeKind {@code staff} or {@code department} once dispatched
 * @param assignee the user name or department id
 * @param assigneeDue when the assignee must report back by
 * @param acknowledgedAt first acknowledgement
 * @param handledAt last report back
 * @param closedAt when it was resolved or marked a false positive ({@code null} while open)
 */
public record Handling(
    String deskCode,
    RegionLevel deskLevel,
    RegionLevel startLevel,
    RegionLevel topLevel,
    Instant ackDue,
    Instant resolveDue,
    Instant nextDeadline,
    boolean overdue,
    int escalations,
    String assigneeKind,
    String assignee,
    Instant assigneeDue,
    Instant acknowledgedAt,
    Instant handledAt,
    Instant closedAt) {

  /** As stored and in JSON, e.g. {@code township}. */
  public static String label(RegionLevel level) {
    return level == null ? null : level.name().toLowerCase(Locale.ROOT);
  }

  public static RegionLevel level(String label) {
    return label == null ? null : RegionLevel.valueOf(label.toUpperCase(Locale.ROOT));
  }

  Handling withDesk(String code, RegionLevel level, Instant ack, Instant resolve) {
    RegionLevel top = topLevel == null || level.ordinal() < topLevel.ordinal() ? level : topLevel;
    return new Handling(
        code,
        level,
        startLevel == null ? level : startLevel,
        top,
        ack,
        resolve,
        earliest(ack, resolve),
        overdue,
        escalations,
        assigneeKind,
        assignee,
        assigneeDue,
        acknowledgedAt,
        handledAt,
        closedAt);
  }

  Handling escalated(boolean late) {
    return new Handling(
        deskCode,
        deskLevel,
        startLevel,
        topLevel,
        ackDue,
        resolveDue,
        nextDeadline,
        overdue || late,
        escalations + 1,
        assigneeKind,
        assignee,
        assigneeDue,
        acknowledgedAt,
        handledAt,
        closedAt);
  }

  Handling overdueAtTop() {
    return new Handling(
        deskCode,
        deskLevel,
        startLevel,
        topLevel,
        ackDue,
        resolveDue,
        null,
        true,
        escalations,
        assigneeKind,
        assignee,
        assigneeDue,
        acknowledgedAt,
        handledAt,
        closedAt);
  }

  Handling acknowledged(Instant at) {
    return new Handling(
        deskCode,
        deskLevel,
        startLevel,
        topLevel,
        null,
        resolveDue,
        resolveDue,
        overdue,
        escalations,
        assigneeKind,
        assignee,
        assigneeDue,
        acknowledgedAt == null ? at : acknowledgedAt,
        handledAt,
        closedAt);
  }

  Handling dispatched(String kind, String who, Instant due) {
    return new Handling(
        deskCode,
        deskLevel,
        startLevel,
        topLevel,
        null,
        resolveDue,
        resolveDue,
        overdue,
        escalations,
        kind,
        who,
        due,
        acknowledgedAt,
        handledAt,
        closedAt);
  }

  Handling handled(Instant at) {
    return new Handling(
        deskCode,
        deskLevel,
        startLevel,
        topLevel,
        ackDue,
        resolveDue,
        nextDeadline,
        overdue,
        escalations,
        assigneeKind,
        assignee,
        assigneeDue,
        acknowledgedAt,
        at,
        closedAt);
  }

  Handling closed(Instant at) {
    return new Handling(
        deskCode,
        deskLevel,
        startLevel,
        topLevel,
        null,
        resolveDue,
        null,
        overdue,
        escalations,
        assigneeKind,
        assignee,
        assigneeDue,
        acknowledgedAt,
        handledAt,
        at);
  }

  Handling reopened(Instant ack, Instant resolve) {
    return new Handling(
        deskCode,
        deskLevel,
        startLevel,
        topLevel,
        ack,
        resolve,
        earliest(ack, resolve),
        overdue,
        escalations,
        assigneeKind,
        assignee,
        assigneeDue,
        acknowledgedAt,
        handledAt,
        null);
  }

  static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
