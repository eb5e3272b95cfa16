package org.sharpeyes.ingest.rule;

import java.util.Objects;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.ingest.reference.Severity;

/**
 * What a rule found. The alert module turns it into a new alert or folds it into the open alert
 * with the same rule and subject.
 *
 * @param rule id of the rule that fired
 * @param severity how urgent
 * @param subjectType what the alert is about
 * @param subjectKey the subject's stable key (person id, normalised plate, door id, device id)
 * @param subjectLabel what an operator reads, e.g. {@code 王建军 (湘JJN407)}
 * @param personId the key person concerned, or {@code null}
 * @param plate the plate concerned, or {@code null}
 * @param reason why the rule fired, in words, e.g. {@code 涉案车辆}
 */
public record AlertCandidate(
    String rule,
    Severity severity,
    SubjectType subjectType,
    String subjectKey,
    String subjectLabel,
    String personId,
    String plate,
    String reason) {

  public AlertCandidate {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectKey, "subjectKey");
    Objects.requireNonNull(subjectLabel, "subjectLabel");
    Objects.requireNonNull(reason, "reason");
  }

  /** An alert about a key person, labelled with their name, with no plate. */
  public static AlertCandidate aboutPerson(
      String rule, Severity severity, KeyPerson person, String reason) {
    return new AlertCandidate(
        rule, severity, SubjectType.PERSON, person.id(), person.name(), person.id(), null, reason);
  }
}
