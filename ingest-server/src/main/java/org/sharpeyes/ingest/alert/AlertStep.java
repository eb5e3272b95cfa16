package org.sharpeyes.ingest.alert;

import java.time.Instant;

/**
 * One step on an alert's timeline (the {@code alert_steps} table).
 *
 * @param seq the alert's version after the step
 * @param action what was done, e.g. {@code acknowledge}, {@code escalate} (docs/workflow.md)
 * @param from the state before
 * @param to the state after (the same for escalate, pull-down, overdue)
 * @param actor the user name, or {@code system} for a timed escalation
 * @param actorRole the actor's role label, or {@code system}
 * @param deskCode the desk holding the alert after the step
 * @param at when
 * @param note what the actor wrote, or the reason of an escalation; may be {@code null}
 * @param assignee who it was dispatched to, for a dispatch; {@code null} otherwise
 * @param due when the assignee must report back, for a dispatch; {@code null} otherwise
 * @param hasPhoto true when a report back came with a photo
 */
public record AlertStep(
    int seq,
    String action,
    AlertState from,
    AlertState to,
    String actor,
    String actorRole,
    String deskCode,
    Instant at,
    String note,
    String assignee,
    Instant due,
    boolean hasPhoto) {}
