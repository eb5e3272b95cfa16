package org.sharpeyes.ingest.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.AlertStep;
import org.sharpeyes.ingest.auth.PersonalData.View;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.reference.Desk;
import org.sharpeyes.ingest.workflow.Action;
import org.sharpeyes.ingest.workflow.DeskRouting;
import org.sharpeyes.ingest.workflow.Handling;
import org.sharpeyes.ingest.workflow.Lifecycle;
import org.sharpeyes.ingest.workflow.WorkflowStore.Held;

/** Renders an alert's place in the workflow, its timeline and the steps the caller may take. */
final class WorkflowJson {

  private final AlertJson alerts;
  private final DeskRouting routing;

  WorkflowJson(AlertJson alerts, DeskRouting routing) {
    this.alerts = alerts;
    this.routing = routing;
  }

  /** A queue row: the alert summary with its workflow block. */
  JsonObject row(Held held, View view) {
    return alerts.summary(held.alert(), view).put("workflow", workflow(held));
  }

  /** The full view: the summary, workflow block, timeline and the caller's possible steps. */
  JsonObject view(Held held, List<AlertStep> timeline, Principal caller, View view) {
    JsonArray steps = new JsonArray();
    timeline.forEach(s -> steps.add(step(s, held.alert().id())));
    JsonArray actions = new JsonArray();
    Lifecycle.allowed(held.alert().state(), caller.role()).stream()
        .filter(a -> caller.role() != Role.GRID_WORKER || a == Action.REPORT)
        .forEach(a -> actions.add(a.label()));
    JsonArray needNote = new JsonArray();
    Lifecycle.rules().stream()
        .filter(r -> r.needsNote() && !r.roles().isEmpty())
        .forEach(r -> needNote.add(r.action().label()));
    return row(held, view).put("timeline", steps).put("actions", actions).put("needNote", needNote);
  }

  JsonObject workflow(Held held) {
    Handling h = held.handling();
    JsonObject w =
        new JsonObject()
            .put("revision", held.revision())
            .put("desk", desk(h.deskCode()))
            .put("startLevel", Handling.label(h.startLevel()))
            .put("topLevel", Handling.label(h.topLevel()))
            .put("overdue", h.overdue())
            .put("escalations", h.escalations())
            .put("acknowledgeBy", text(h.ackDue()))
            .put("resolveBy", text(h.resolveDue()))
            .put("nextDeadline", text(h.nextDeadline()))
            .put("acknowledgedAt", text(h.acknowledgedAt()))
            .put("handledAt", text(h.handledAt()))
            .put("closedAt", text(h.closedAt()));
    if (h.assignee() != null) {
      w.put(
          "assignee",
          new JsonObject()
              .put("kind", h.assigneeKind())
              .put("id", h.assignee())
              .put("due", text(h.assigneeDue())));
    }
    JsonArray informed = new JsonArray();
    routing.informed(held.alert()).forEach(d -> informed.add(d.regionCode()));
    return w.put("informed", informed);
  }

  JsonObject desk(String code) {
    if (code == null) {
      return null;
    }
    Desk d = routing.desk(code).orElse(null);
    return new JsonObject()
        .put("code", code)
        .put("name", d == null ? code : d.name())
        .put("level", d == null ? null : Handling.label(d.level()));
  }

  static JsonObject step(AlertStep s, String alertId) {
    JsonObject json =
        new JsonObject()
            .put("seq", s.seq())
            .put("action", s.action())
            .put("from", s.from().label())
            .put("to", s.to().label())
            .put("actor", s.actor())
            .put("actorRole", s.actorRole())
            .put("desk", s.deskCode())
            .put("at", text(s.at()))
            .put("note", s.note())
            .put("assignee", s.assignee())
            .put("due", text(s.due()))
            .put("photo", s.hasPhoto());
    if (s.hasPhoto() && alertId != null) {
      json.put("photoHref", "/api/alerts/" + alertId + "/steps/" + s.seq() + "/photo");
    }
    return json;
  }

  static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
