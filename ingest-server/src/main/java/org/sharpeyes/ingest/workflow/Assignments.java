package org.sharpeyes.ingest.workflow;

import java.time.Instant;
import java.util.Optional;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.CommandStructure;
import org.sharpeyes.ingest.reference.Department;
import org.sharpeyes.ingest.reference.StaffMember;

/**
 * Checks what a step carries: the note, who it is dispatched to and by when, and a report's photo.
 * Each problem names its field (HTTP 422).
 */
final class Assignments {

  static final String STAFF = "staff";
  static final String DEPARTMENT = "department";

  /** The longest a dispatch may be given. */
  static final java.time.Duration MAX_DUE = java.time.Duration.ofDays(90);

  private final CommandStructure command;
  private final WorkflowConfig config;

  Assignments(CommandStructure command, WorkflowConfig config) {
    this.command = command;
    this.config = config;
  }

  /** Who a dispatch goes to; {@code invalid} is set when it cannot go there. */
  record Assignee(String kind, String id, Instant due, StepResult invalid) {
    static Assignee wrong(String field, String reason) {
      return new Assignee(null, null, null, new StepResult.Invalid(field, reason));
    }
  }

  StepResult checkNote(StepRequest r, boolean required) {
    String note = r.note();
    if (note != null && note.length() > config.noteMaxChars()) {
      return new StepResult.Invalid(
          "note", "is " + note.length() + " characters; at most " + config.noteMaxChars());
    }
    if (required && blankToNull(note) == null) {
      return new StepResult.Invalid("note", "is required for " + r.action().label() + ": say why");
    }
    return null;
  }

  Assignee assignee(Alert alert, StepRequest r, Instant now) {
    if (r.assignee() == null || r.assignee().isBlank()) {
      return Assignee.wrong("assignee", "is required: a grid worker's user name or a department");
    }
    Instant due = r.due() == null ? now.plus(config.dispatchDue()) : r.due();
    if (!due.isAfter(now)) {
      return Assignee.wrong("due", "is not in the future");
    }
    if (due.isAfter(now.plus(MAX_DUE))) {
      return Assignee.wrong("due", "is more than 90 days ahead");
    }
    String kind = r.assigneeKind() == null ? STAFF : r.assigneeKind();
    if (kind.equals(STAFF)) {
      Optional<StaffMember> who = command.staff(r.assignee());
      if (who.isEmpty() || !who.get().isGridWorker()) {
        return Assignee.wrong(
            "assignee", r.assignee() + " is not a grid worker in staff.csv" + servingHint(alert));
      }
      if (alert.gridCode() == null || !who.get().grids().contains(alert.gridCode())) {
        return Assignee.wrong(
            "assignee",
            r.assignee()
                + " does not serve grid cell "
                + alert.gridCode()
                + " (serves "
                + String.join(", ", who.get().grids().stream().sorted().toList())
                + ")"
                + servingHint(alert));
      }
      return new Assignee(STAFF, r.assignee(), due, null);
    }
    if (kind.equals(DEPARTMENT)) {
      Optional<Department> d = command.department(r.assignee());
      if (d.isEmpty()) {
        return Assignee.wrong("assignee", "no department " + r.assignee() + " in departments.csv");
      }
      if (!DeskRouting.chain(alert).contains(d.get().deskCode())) {
        return Assignee.wrong(
            "assignee",
            d.get().name()
                + " answers to desk "
                + d.get().deskCode()
                + ", which is not above the alert's place");
      }
      return new Assignee(DEPARTMENT, r.assignee(), due, null);
    }
    return Assignee.wrong("assigneeKind", "'" + kind + "' is not one of staff, department");
  }

  private String servingHint(Alert alert) {
    if (alert.gridCode() == null) {
      return "";
    }
    var workers = command.gridWorkersOf(alert.gridCode());
    return workers.isEmpty()
        ? "; no grid worker serves that cell: dispatch to a department"
        : "; serving it: " + String.join(", ", workers.stream().map(StaffMember::user).toList());
  }

  /**
   * Only the assignee reports back on a grid worker's dispatch; a desk reports for a department.
   */
  StepResult checkReport(Principal caller, Handling h, StepRequest r) {
    if (STAFF.equals(h.assigneeKind())
        && !caller.name().equals(h.assignee())
        && caller.role() != Role.SUPERVISOR) {
      return new StepResult.Refused(
          "dispatched to " + h.assignee() + ": only they (or a supervisor) report back");
    }
    if (blankToNull(r.note()) == null) {
      return new StepResult.Invalid("note", "is required for report: say what was done");
    }
    if (r.photo() != null) {
      if (r.photo().bytes().length > config.reportPhotoMaxBytes()) {
        return new StepResult.Invalid(
            "photo",
            "is " + r.photo().bytes().length + " bytes; at most " + config.reportPhotoMaxBytes());
      }
      if (!Photos.isJpegOrPng(r.photo().bytes())) {
        return new StepResult.Invalid("photo", "is not a JPEG or PNG image");
      }
    }
    return null;
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
