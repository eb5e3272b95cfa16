package org.sharpeyes.ingest.workflow;

import org.sharpeyes.ingest.alert.AlertStep;
import org.sharpeyes.ingest.workflow.WorkflowStore.Held;

/** How a step asked for ended; each maps to one HTTP answer (docs/workflow.md). */
public sealed interface StepResult {

  /** Taken (200): the alert as it is now, and the step. */
  record Done(Held now, AlertStep step) implements StepResult {}

  /** No such alert (404). */
  record NotFound() implements StepResult {}

  /** The caller may not (403): outside the jurisdiction, not their desk, not their role. */
  record Refused(String reason) implements StepResult {}

  /** The alert's revision is not the one the caller named in If-Match (412). */
  record Stale(Held current) implements StepResult {}

  /** The step cannot be taken from the current state (409), with the state. */
  record Illegal(Held current, String reason) implements StepResult {}

  /** A field is missing or wrong (422). */
  record Invalid(String field, String reason) implements StepResult {}
}
