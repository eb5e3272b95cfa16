package org.sharpeyes.ingest.workflow;

import java.time.Instant;
import org.sharpeyes.ingest.workflow.WorkflowStore.Photo;

/**
 * A step a user asks for (the body of {@code POST /api/alerts/{id}/transitions}).
 *
 * @param action the step
 * @param note what the user writes (the reason, for the steps that need one); may be {@code null}
 * @param assigneeKind {@code staff} or {@code department}, for a dispatch
 * @param assignee the grid worker's user name or the department id, for a dispatch
 * @param due when the assignee must report back by; {@code null}: {@code workflow.dispatchDue}
 * @param photo a report's photo, or {@code null}
 * @param ifMatch the workflow revision the user saw ({@code If-Match}); {@code null} for any
 */
public record StepRequest(
    Action action,
    String note,
    String assigneeKind,
    String assignee,
    Instant due,
    Photo photo,
    Integer ifMatch) {

  /** A step with just a note. */
  public static StepRequest of(Action action, String note, Integer ifMatch) {
    return new StepRequest(action, note, null, null, null, null, ifMatch);
  }
}
