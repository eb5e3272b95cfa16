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
    return with(
        b -> {
          b.topLevel = topLevel == null || level.ordinal() < topLevel.ordinal() ? level : topLevel;
          b.startLevel = startLevel == null ? level : startLevel;
          b.deskCode = code;
          b.deskLevel = level;
          b.ackDue = ack;
          b.resolveDue = resolve;
          b.nextDeadline = earliest(ack, resolve);
        });
  }

  Handling escalated(boolean late) {
    return with(
        b -> {
          b.overdue = overdue || late;
          b.escalations = escalations + 1;
        });
  }

  Handling overdueAtTop() {
    return with(
        b -> {
          b.nextDeadline = null;
          b.overdue = true;
        });
  }

  Handling acknowledged(Instant at) {
    return with(
        b -> {
          b.ackDue = null;
          b.nextDeadline = resolveDue;
          b.acknowledgedAt = acknowledgedAt == null ? at : acknowledgedAt;
        });
  }

  Handling dispatched(String kind, String who, Instant due) {
    return with(
        b -> {
          b.ackDue = null;
          b.nextDeadline = resolveDue;
          b.assigneeKind = kind;
          b.assignee = who;
          b.assigneeDue = due;
        });
  }

  Handling handled(Instant at) {
    return with(b -> b.handledAt = at);
  }

  Handling closed(Instant at) {
    return with(
        b -> {
          b.ackDue = null;
          b.nextDeadline = null;
          b.closedAt = at;
        });
  }

  Handling reopened(Instant ack, Instant resolve) {
    return with(
        b -> {
          b.ackDue = ack;
          b.resolveDue = resolve;
          b.nextDeadline = earliest(ack, resolve);
          b.closedAt = null;
        });
  }

  private Handling with(java.util.function.Consumer<Change> change) {
    Change b = new Change(this);
    change.accept(b);
    return new Handling(
        b.deskCode,
        b.deskLevel,
        b.startLevel,
        b.topLevel,
        b.ackDue,
        b.resolveDue,
        b.nextDeadline,
        b.overdue,
        b.escalations,
        b.assigneeKind,
        b.assignee,
        b.assigneeDue,
        b.acknowledgedAt,
        b.handledAt,
        b.closedAt);
  }

  /** The components, to change some for {@link #with}. */
  private static final class Change {
    String deskCode;
    RegionLevel deskLevel;
    RegionLevel startLevel;
    RegionLevel topLevel;
    Instant ackDue;
    Instant resolveDue;
    Instant nextDeadline;
    boolean overdue;
    int escalations;
    String assigneeKind;
    String assignee;
    Instant assigneeDue;
    Instant acknowledgedAt;
    Instant handledAt;
    Instant closedAt;

    Change(Handling h) {
      deskCode = h.deskCode;
      deskLevel = h.deskLevel;
      startLevel = h.startLevel;
      topLevel = h.topLevel;
      ackDue = h.ackDue;
      resolveDue = h.resolveDue;
      nextDeadline = h.nextDeadline;
      overdue = h.overdue;
      escalations = h.escalations;
      assigneeKind = h.assigneeKind;
      assignee = h.assignee;
      assigneeDue = h.assigneeDue;
      acknowledgedAt = h.acknowledgedAt;
      handledAt = h.handledAt;
      closedAt = h.closedAt;
    }
  }

  static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
