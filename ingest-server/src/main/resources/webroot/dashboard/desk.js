// The desk's queue: the open alerts a desk holds (GET /api/desks/{code}/queue), overdue first, then
// by the escalation deadline, each with a live countdown to workflow.nextDeadline. The desks
// offered are those of GET /api/desks marked mine; the default is the desk of the caller's own
// jurisdiction (GET /api/auth/me). The page calls refreshSoon() whenever the live feed brings a
// frame, and a step taken on this page refreshes it too.

import { $, el } from "./dom.js";
import { getJson, user } from "./session.js";
import { STATE_LABELS, countdown } from "./workflow.js";

const REFRESH_DELAY_MS = 300; // frames arriving together cause one reload
const state = { code: "", items: [], timer: null, ticker: null, loading: null, again: false, handlers: null };

/** Overdue first, then the nearest deadline, then the newest (as the server orders them). */
function order(a, b) {
  const wa = a.workflow || {};
  const wb = b.workflow || {};
  if (Boolean(wa.overdue) !== Boolean(wb.overdue)) return wa.overdue ? -1 : 1;
  const da = wa.nextDeadline ? Date.parse(wa.nextDeadline) : Infinity;
  const db = wb.nextDeadline ? Date.parse(wb.nextDeadline) : Infinity;
  if (da !== db) return da - db;
  return Date.parse(b.createdAt || 0) - Date.parse(a.createdAt || 0);
}

function tick() {
  for (const span of document.querySelectorAll("#queue .countdown[data-deadline]")) {
    const c = countdown(span.dataset.deadline);
    span.textContent = c.text;
    span.classList.toggle("late", c.late);
  }
}

function queueItem(a) {
  const w = a.workflow || {};
  const li = el("li", { class: a.severity + (w.overdue ? " overdue" : ""), "data-id": a.id, "data-state": a.state });
  const clock = el("span", { class: "countdown", title: "time to the escalation deadline" });
  if (w.nextDeadline) clock.dataset.deadline = w.nextDeadline;
  else clock.textContent = "no deadline";
  li.append(
    el("div", { class: "line1" },
      el("span", { class: "subject" }, a.subject.label),
      el("span", {},
        w.overdue ? el("span", { class: "badge overdue" }, "超时 overdue") : "",
        el("span", { class: "badge state" }, STATE_LABELS[a.state] || a.state),
        el("span", { class: "badge " + a.severity }, a.severity))),
    el("div", {}, `${a.rule} · ${a.reason || ""} · ×${a.count}`),
    el("div", { class: "where" },
      `${a.grid ? a.grid.name : "unknown grid"}${w.assignee ? " · → " + w.assignee.id : ""}`),
    el("div", { class: "when" }, "⏱ ", clock));
  li.tabIndex = 0; // reachable with the keyboard: Tab, then Enter
  li.addEventListener("click", () => state.handlers.onOpen(a.id));
  li.addEventListener("keydown", (e) => { if (e.key === "Enter") state.handlers.onOpen(a.id); });
  return li;
}

function render() {
  const list = $("queue");
  const items = state.items.slice().sort(order);
  list.replaceChildren(...items.map(queueItem));
  if (items.length === 0) list.append(el("li", { class: "empty" }, "nothing waits at this desk"));
  const late = items.filter((a) => a.workflow && a.workflow.overdue).length;
  $("queue-note").textContent = `(${items.length} open${late ? ", " + late + " overdue" : ""})`;
  tick();
  state.handlers.onQueue(items);
}

async function load() {
  if (!state.code) return;
  if (state.loading) {
    state.again = true; // a frame came while loading: load once more after this one
    return;
  }
  const code = state.code;
  state.loading = getJson(`/api/desks/${encodeURIComponent(code)}/queue?limit=200`);
  try {
    const q = await state.loading;
    if (code === state.code) {
      state.items = q.alerts;
      render();
    }
  } catch (e) {
    $("queue-note").textContent = "cannot load the queue: " + e.message;
  } finally {
    state.loading = null;
    if (state.again) {
      state.again = false;
      refreshSoon();
    }
  }
}

/** Reloads the queue shortly; many calls in a burst make one request. */
export function refreshSoon() {
  clearTimeout(state.timer);
  state.timer = setTimeout(load, REFRESH_DELAY_MS);
}

/** The alerts of the queue as last loaded. */
export function queued() {
  return state.items;
}

/**
 * Shows the queue panel for a desk role. handlers: onOpen(alertId) when an alert is clicked,
 * onQueue(items) after each load (the map marks them).
 */
export async function startDesk(handlers) {
  state.handlers = handlers;
  $("queue-panel").hidden = false;
  let directory;
  let me;
  try {
    [directory, me] = await Promise.all([getJson("/api/desks"), getJson("/api/auth/me")]);
  } catch (e) {
    $("queue-note").textContent = "cannot load the desks: " + e.message;
    return;
  }
  const mine = directory.desks.filter((d) => d.mine);
  const select = $("desk");
  select.replaceChildren(...mine.map((d) => el("option", { value: d.code }, `${d.name} ${d.code}`)));
  const own = mine.find((d) => d.code === (me.jurisdiction || user().jurisdiction));
  select.value = own ? own.code : mine.length ? mine[0].code : "";
  state.code = select.value;
  select.onchange = () => {
    state.code = select.value;
    state.items = [];
    load();
  };
  if (!state.code) {
    $("queue-note").textContent = "no desk in your jurisdiction";
    return;
  }
  clearInterval(state.ticker);
  state.ticker = setInterval(tick, 1000);
  await load();
}

/** Forgets the desk (sign-out). */
export function stopDesk() {
  clearInterval(state.ticker);
  clearTimeout(state.timer);
  Object.assign(state, { code: "", items: [], ticker: null, timer: null, again: false });
  $("queue").replaceChildren();
  $("desk").replaceChildren();
  $("queue-note").textContent = "";
}

document.addEventListener("workflow-changed", () => {
  if (state.code) refreshSoon();
});
