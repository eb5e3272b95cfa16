// The grid workers' page (mobile width): what is dispatched to the signed-in grid worker
// (GET /api/dispatched), one task with its timeline (GET /api/alerts/{id}/workflow), and the report
// back (POST /api/alerts/{id}/transitions, action report: a note and an optional photo taken with
// the phone's camera, sent as a data: URL). Anyone else is sent to the desk, index.html.
// There is no live feed for grid workers: the list reloads every 30 s and on demand.

import { $, el } from "./dom.js";
import { showSignedIn, startSignIn } from "./login.js";
import { getJson, user } from "./session.js";
import {
  Images, STATE_LABELS, countdown, facts, loadWorkflow, photoDataUrl, refusalText, takeStep, time, timeline,
} from "./workflow.js";

const RELOAD_MS = 30_000;
const images = new Images();
const state = { timer: null, ticker: null, open: null, preview: null };

function tick() {
  for (const span of document.querySelectorAll(".countdown[data-deadline]")) {
    const c = countdown(span.dataset.deadline);
    span.textContent = c.text;
    span.classList.toggle("late", c.late);
  }
}

function taskItem(a) {
  const w = a.workflow || {};
  const due = w.assignee && w.assignee.due;
  const closed = ["resolved", "false-positive"].includes(a.state);
  const li = el("li", { class: a.severity + (closed ? " closed" : ""), "data-id": a.id, "data-state": a.state });
  const clock = el("span", { class: "countdown" });
  if (due && a.state === "dispatched") clock.dataset.deadline = due;
  else clock.textContent = STATE_LABELS[a.state] || a.state;
  li.append(
    el("div", { class: "line1" },
      el("span", { class: "subject" }, a.subject.label),
      el("span", { class: "badge " + a.severity }, a.severity)),
    el("div", {}, `${a.rule} · ${a.reason || ""}`),
    el("div", { class: "where" }, `${a.grid ? a.grid.name : ""} · ${a.device ? a.device.name || a.device.id : ""}`),
    el("div", { class: "when" }, "⏱ ", clock));
  li.tabIndex = 0; // reachable with the keyboard: Tab, then Enter
  li.addEventListener("click", () => openTask(a.id));
  li.addEventListener("keydown", (e) => { if (e.key === "Enter") openTask(a.id); });
  return li;
}

async function loadTasks() {
  try {
    const d = await getJson("/api/dispatched");
    $("tasks").replaceChildren(...d.alerts.map(taskItem));
    if (d.alerts.length === 0) $("tasks").append(el("li", { class: "empty" }, "nothing is dispatched to you"));
    const waiting = d.alerts.filter((a) => a.state === "dispatched").length;
    $("tasks-note").textContent = `(${waiting} to report back)`;
    tick();
  } catch (e) {
    $("tasks-note").textContent = "cannot load your tasks: " + e.message;
  }
}

function showList() {
  state.open = null;
  images.forget();
  forgetPreview();
  $("task").hidden = true;
  $("tasks-view").hidden = false;
  loadTasks();
}

function forgetPreview() {
  if (state.preview) URL.revokeObjectURL(state.preview);
  state.preview = null;
}

function summary(view) {
  const dl = el("dl");
  for (const [k, v] of [["rule", view.rule], ["reason", view.reason], ["subject", view.subject.label],
    ["plate", view.plate], ["last seen", time(view.lastSeen)],
    ["device", view.device ? `${view.device.name || ""} ${view.device.site || ""} ${view.device.id}` : ""],
    ["grid", view.grid ? `${view.grid.name} ${view.grid.code}` : ""]]) {
    if (v) dl.append(el("dt", {}, k), el("dd", {}, v));
  }
  return dl;
}

/** The report form: what was done, and a photo from the camera or the gallery. */
function reportForm(held) {
  const form = el("form", { id: "report-form", class: "step-form" });
  const note = el("textarea", { id: "report-note", name: "note", rows: "4", maxlength: "2000", required: "" });
  const photo = el("input", { id: "report-photo", name: "photo", type: "file", accept: "image/*", capture: "environment" });
  const preview = el("div", { id: "report-preview" });
  const problem = el("p", { id: "report-problem", class: "error", role: "alert" });
  const submit = el("button", { id: "report-submit", type: "submit" }, "提交反馈 report back");
  form.append(el("h3", {}, "反馈 · report back"),
    el("label", { for: "report-note" }, "what was done (required)"), note,
    el("label", { for: "report-photo" }, "photo (optional)"), photo, preview, submit, problem);
  photo.addEventListener("change", () => {
    forgetPreview();
    preview.replaceChildren();
    const file = photo.files && photo.files[0];
    if (!file) return;
    state.preview = URL.createObjectURL(file);
    preview.append(el("img", { src: state.preview, alt: "the photo to send" }));
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = { action: "report", note: note.value.trim() };
    if (!body.note) {
      problem.textContent = "say what was done";
      note.focus();
      return;
    }
    submit.disabled = true;
    problem.textContent = "";
    try {
      const file = photo.files && photo.files[0];
      if (file) body.photo = await photoDataUrl(file);
      const next = await takeStep(held.view.id, held, body);
      renderTask(next, "reported: the desk will review it");
    } catch (e) {
      submit.disabled = false;
      if (e.status === 412) openTask(held.view.id, refusalText(e));
      else problem.textContent = refusalText(e);
    }
  });
  return form;
}

function renderTask(held, message) {
  images.forget();
  forgetPreview();
  const view = held.view;
  const body = $("task-body");
  body.dataset.alert = view.id;
  body.dataset.state = view.state;
  body.replaceChildren(
    el("h2", {}, view.subject.label),
    el("p", { id: "task-message", class: message && message.startsWith("reported") ? "ok" : "error", role: "status" }, message || ""),
    facts(view),
    summary(view));
  if ((view.actions || []).includes("report")) body.append(reportForm(held));
  body.append(el("h3", {}, "timeline"), timeline(view, images));
}

async function openTask(id, message) {
  state.open = id;
  $("tasks-view").hidden = true;
  $("task").hidden = false;
  $("task-body").replaceChildren(el("p", {}, "loading…"));
  try {
    const held = await loadWorkflow(id);
    if (state.open === id) renderTask(held, message || "");
  } catch (e) {
    if (state.open === id) $("task-body").replaceChildren(el("p", { class: "refused" }, "cannot load the task: " + e.message));
  }
}

function open() {
  const u = user();
  if (u.role !== "grid-worker") {
    location.replace("./");
    return;
  }
  showSignedIn(u, null);
  clearInterval(state.timer);
  clearInterval(state.ticker);
  state.timer = setInterval(() => { if (!state.open) loadTasks(); }, RELOAD_MS);
  state.ticker = setInterval(tick, 1000);
  showList();
}

function teardown() {
  clearInterval(state.timer);
  clearInterval(state.ticker);
  state.open = null;
  images.forget();
  forgetPreview();
  $("tasks").replaceChildren();
  $("task-body").replaceChildren();
  $("tasks-note").textContent = "";
}

$("back").addEventListener("click", showList);
$("reload-tasks").addEventListener("click", loadTasks);
startSignIn({ onSignedIn: open, onSignedOut: teardown });
