package org.sharpeyes.ingest.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit record (留痕): who did what to what, when, from where, and how it ended.
 *
 * @param actor the user name ({@code -} when unknown, e.g. a login with an unknown name is recorded
 *     under the name tried)
 * @param from the caller's address ({@code cli} for the command line, {@code server} for the
 *     server's own actions)
 * @param action a dotted verb from the list in docs/security.md, e.g. {@code login}, {@code
 *     person.read}, {@code photo.read}, {@code snapshot.read}, {@code user.add}
 * @param subject what the action was about, e.g. a key person id, an alert id, a user name
 * @param outcome {@code ok}, {@code refused} or {@code failed}
 * @param detail free text, e.g. the refusal reason; never a password or a token
 */
public record AuditEntry(
    Instant at,
    String actor,
    String from,
    String action,
    String subject,
    String outcome,
    String detail) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? "" : detail;
  }
}
