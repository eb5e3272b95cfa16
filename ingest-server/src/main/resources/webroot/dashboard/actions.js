// The workflow section of the alert detail at a desk: desk, deadlines, assignee, the timeline, and
// a button for each step the server lists in `actions` (nothing else is offered). A step opens a
// small form: a note (required where the lifecycle asks for a reason), and for dispatch an assignee
// (the grid workers serving the alert's cell, the departments above its place, from GET
// /api/desks) and an optional due time. A refused step shows the server's detail; a stale one
// (412) reloads the alert first.

import { $, el } from "./dom.js";
import { planBlock } from "./plan.js";
import { getJson, user } from "./session.js";
import {
  ACTION_LABELS, Images, NEEDS_NOTE, facts, loadWorkflow, refusalText, takeStep, timeline,
} from "./workflow.js";

let directory = null; // GET /api/desks, read once per sign-in
let shown = 0; // which showWorkflow call the section belongs to
const images = new Images();

/** The detail closed: late answers are dropped, photos forgotten. */
export function closeWorkflow() {
  shown += 1;
  images.forget();
}

/** Forgets what belongs to the signed-in user (on sign-out). */
export function forgetWorkflow() {
  directory = null;
  closeWorkflow();
}

async function desks() {
  if (!directory) directory = await getJson("/api/desks");
  return directory;
}

/** Who a dispatch of this alert may go to: grid workers serving its cell, departments above it. */
async function assignees(view) {
  const d = await desks();
  const grid = view.grid ? view.grid.code : null;
  const chain = new Set((view.regions || []).map((r) => r.code));
  const workers = (d.staff || []).filter((s) => s.kind === "grid-worker" && (!grid || s.grids.includes(grid)));
  const departments = (d.departments || []).filter((x) => chain.size === 0 || chain.has(x.desk));
  return { workers, departments };
}

function assigneePicker({ workers, departments }) {
  const select = el("select", { id: "step-assignee", name: "assignee", required: "" });
  const staff = el("optgroup", { label: "网格员 grid workers" });
  for (const w of workers) staff.append(el("option", { value: "staff:" + w.user }, `${w.user} · grids ${w.grids.join(", ")}`));
  const depts = el("optgroup", { label: "部门 departments" });
  for (const x of departments) depts.append(el("option", { value: "department:" + x.id }, `${x.name} (${x.id})`));
  if (workers.length) select.append(staff);
  if (departments.length) select.append(depts);
  if (!workers.length && !departments.length) select.append(el("option", { value: "" }, "nobody to dispatch to"));
  return select;
}

/** The form of one step; resolves when it is sent or cancelled. */
async function stepForm(action, held, section) {
  const form = el("form", { id: "step-form", class: "step-form", "data-action": action });
  form.append(el("h3", {}, ACTION_LABELS[action] || action));
  let picker = null;
  let due = null;
  if (action === "dispatch") {
    picker = assigneePicker(await assignees(held.view));
    due = el("input", { id: "step-due", name: "due", type: "datetime-local" });
    form.append(el("label", { for: "step-assignee" }, "to"), picker,
      el("label", { for: "step-due" }, "due (optional; the configured time when empty)"), due);
  }
  // The server says which steps need a note; the built-in list is for an older server.
  const required = (held.view.needNote ? new Set(held.view.needNote) : NEEDS_NOTE).has(action);
  const note = el("textarea", { id: "step-note", name: "note", rows: "3", maxlength: "2000" });
  if (required) note.setAttribute("required", "");
  form.append(el("label", { for: "step-note" }, required ? "note (required: say why)" : "note (optional)"), note);
  const problem = el("p", { id: "step-problem", class: "error", role: "alert" });
  const submit = el("button", { id: "step-submit", type: "submit" }, "confirm " + action);
  const cancel = el("button", { id: "step-cancel", type: "button", class: "secondary" }, "cancel");
  form.append(el("div", { class: "step-buttons" }, submit, cancel), problem);
  cancel.addEventListener("click", () => form.remove());
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = { action };
    if (note.value.trim()) body.note = note.value.trim();
    if (required && !body.note) {
      problem.textContent = "a note is required for " + action;
      return;
    }
    if (picker) {
      const [kind, ...rest] = picker.value.split(":");
      if (!kind || !rest.length) {
        problem.textContent = "choose who it goes to";
        return;
      }
      body.assigneeKind = kind;
      body.assignee = rest.join(":");
      if (due.value) body.due = new Date(due.value).toISOString();
    }
    submit.disabled = true;
    problem.textContent = "";
    try {
      const next = await takeStep(held.view.id, held, body);
      render(section, next, "");
    } catch (e) {
      submit.disabled = false;
      if (e.status === 412) {
        reload(section, held.view.id, refusalText(e));
      } else {
        problem.textContent = refusalText(e);
      }
    }
  });
  section.querySelector("#step-form")?.remove();
  section.querySelector(".actions").after(form);
  (picker || note).focus();
}

function render(section, held, message) {
  images.forget();
  const view = held.view;
  section.dataset.revision = String(view.workflow.revision);
  section.dataset.state = view.state;
  const buttons = el("div", { class: "actions" });
  for (const action of view.actions || []) {
    const b = el("button", { type: "button", class: "action", "data-action": action }, ACTION_LABELS[action] || action);
    b.addEventListener("click", () => stepForm(action, held, section).catch((e) => {
      $("workflow-message").textContent = "cannot prepare " + action + ": " + e.message;
    }));
    buttons.append(b);
  }
  if (!(view.actions || []).length) buttons.append(el("span", { class: "note" }, `no step for ${user().role} in this state`));
  const plan = el("div", { id: "plan" });
  section.replaceChildren(
    el("h2", {}, "处置 · workflow"),
    facts(view),
    buttons,
    el("p", { id: "workflow-message", class: "error", role: "alert" }, message || ""),
    plan,
    el("h3", {}, "timeline"),
    timeline(view, images));
  planBlock(view.id).then((block) => plan.replaceWith(block));
}

async function reload(section, id, message) {
  const mine = ++shown;
  try {
    const held = await loadWorkflow(id);
    if (mine === shown) render(section, held, message);
  } catch (e) {
    if (mine === shown) section.replaceChildren(el("p", { class: "refused" }, "cannot load the workflow: " + e.message));
  }
}

/** Fills `section` with the workflow of alert `id` (call again to refresh it). */
export function showWorkflow(section, id) {
  section.id = "workflow";
  section.dataset.alert = id;
  if (!section.firstChild) section.append(el("p", {}, "loading workflow…"));
  return reload(section, id, "");
}

/** Refreshes the open workflow section when the feed says its alert changed, unless a form is open. */
export function refreshWorkflow(id) {
  const section = document.getElementById("workflow");
  if (!section || section.dataset.alert !== id || section.querySelector("#step-form")) return;
  reload(section, id, $("workflow-message")?.textContent || "");
}
