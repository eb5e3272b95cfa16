// The operators' dashboard, the desk. It uses only the public API, always with the signed-in
// user's token: /api/map, /api/alerts, /api/alerts/{id}, /api/alerts/stream (read by feed.js), the
// photo and snapshot links of an alert, and the workflow routes (desk.js, actions.js). A grid
// worker is sent to grid.html, their own page. The server decides what a user may see; the page only hides what the
// role cannot use. Data is always written with textContent, never as HTML.

import { forgetWorkflow, refreshWorkflow } from "./actions.js";
import { closeDetail, showDetail } from "./detail.js";
import { refreshSoon, startDesk, stopDesk } from "./desk.js";
import { $, el } from "./dom.js";
import { LiveFeed } from "./feed.js";
import { DeskMap } from "./map.js";
import { getJson, user } from "./session.js";
import { showSignedIn, startSignIn } from "./login.js";

const MAX_SHOWN = 200; // alerts kept on screen; older ones fall off the list
const FEED_STATES = {
  connecting: ["connecting", "connecting…"],
  open: ["open", "live"],
  reconnecting: ["connecting", "reconnecting…"],
  closed: ["closed", "disconnected"],
};
/** Roles that watch alerts at a desk; an auditor reads the audit log instead. */
const DESK_ROLES = new Set(["admin", "supervisor", "operator", "integrator"]);
/** Roles that hold a desk: its queue and the steps of the workflow. */
const HANDLER_ROLES = new Set(["supervisor", "operator"]);

const state = { map: null, region: "", feed: null, alerts: new Map(), regions: new Map(), view: null };

/** The region whose subtree is on screen: the one picked, else the user's whole jurisdiction. */
function shownRegion() {
  return state.region || user().jurisdiction;
}

function inRegion(code) {
  return Boolean(code) && code.startsWith(regionPrefix(shownRegion()));
}

function regionPrefix(code) {
  // GB/T 2260: a city's counties share its first 4 digits (430700 → 4307), deeper levels extend it.
  return code.length === 6 && code.endsWith("00") ? code.slice(0, 4) : code;
}

/** The user's jurisdiction and every region below it, parents before children. */
function subtree(regions, root) {
  const children = new Map();
  for (const r of regions) {
    if (!children.has(r.parent)) children.set(r.parent, []);
    children.get(r.parent).push(r);
  }
  const out = [];
  const walk = (r) => {
    out.push(r);
    for (const c of children.get(r.code) || []) walk(c);
  };
  const top = regions.find((r) => r.code === root);
  if (top) walk(top);
  return out;
}

/** The region picker offers the user's jurisdiction subtree and nothing else. */
function fillRegions() {
  const select = $("region");
  const jurisdiction = user().jurisdiction;
  const mine = subtree(state.map.regions, jurisdiction);
  const name = state.regions.get(jurisdiction)?.name || jurisdiction;
  select.replaceChildren(el("option", { value: "" }, `全部 · all of ${name}`));
  const indent = { CITY: "", COUNTY: "\u00a0\u00a0", TOWNSHIP: "\u00a0\u00a0\u00a0\u00a0", VILLAGE: "\u00a0".repeat(6) };
  for (const r of mine.filter((r) => r.code !== jurisdiction && (r.level !== "VILLAGE" || mine[0].level === "TOWNSHIP"))) {
    select.append(el("option", { value: r.code }, indent[r.level] + r.name + " " + r.code));
  }
  const asked = new URLSearchParams(location.search).get("region") || "";
  select.value = mine.some((r) => r.code === asked && r.code !== jurisdiction) ? asked : "";
  state.region = select.value;
  select.onchange = () => {
    state.region = select.value;
    history.replaceState(null, "", state.region ? "?region=" + state.region : location.pathname);
    drawMap();
    restart();
  };
}

function drawMap() {
  if (!state.view) state.view = new DeskMap($("map"));
  state.view.draw(state.map, inRegion, state.regions.get(shownRegion()) || null);
}

function alertItem(a, isNew) {
  const li = el("li", { class: a.severity + (isNew ? " new" : ""), "data-id": a.id });
  const where = a.grid ? `${a.grid.name} · 网格员 ${a.grid.worker}` : "unknown grid";
  const region = (a.regions || []).map((r) => r.name).join(" › ");
  li.append(
    el("div", { class: "line1" },
      el("span", { class: "subject" }, a.subject.label),
      el("span", { class: "badge " + a.severity }, a.severity)),
    el("div", {}, `${a.rule} · ${a.reason || ""} · ×${a.count}`),
    el("div", { class: "where" }, `${a.device ? a.device.name || a.device.id : ""} — ${where} — ${region}`),
    el("div", { class: "when" }, "last seen " + new Date(a.lastSeen).toLocaleString()));
  li.addEventListener("click", () => showDetail(a.id));
  return li;
}

/** Shows an alert; a copy no newer than the one on screen (a reload racing the feed) is ignored. */
function upsert(a, isNew) {
  const known = state.alerts.get(a.id);
  if (known && !isNew && (known.version ?? 0) >= (a.version ?? 0)) return;
  state.alerts.set(a.id, a);
  const list = $("alerts");
  const old = list.querySelector(`li[data-id="${CSS.escape(a.id)}"]`);
  if (old) old.remove();
  list.prepend(alertItem(a, isNew));
  while (list.children.length > MAX_SHOWN) {
    state.alerts.delete(list.lastElementChild.dataset.id);
    list.lastElementChild.remove();
  }
  if (state.view) state.view.mark(a, isNew);
  updateTotals();
}

function updateTotals() {
  const by = {};
  for (const a of state.alerts.values()) by[a.severity] = (by[a.severity] || 0) + 1;
  $("totals").replaceChildren(
    ...["critical", "high", "medium", "low"].map((s) => el("span", { class: "badge " + s }, `${s} ${by[s] || 0}`)));
}

function setFeedState(s, reason) {
  const [cls, text] = FEED_STATES[s];
  const e = $("feed-state");
  e.className = "state " + cls;
  e.dataset.state = s;
  e.textContent = text;
  if (reason) $("feed-note").textContent = reason;
}

/** The recent alerts of the region, on every (re)connection of the feed so that no gap remains. */
async function loadRecent() {
  const q = state.region ? "&region=" + encodeURIComponent(state.region) : "";
  try {
    const recent = await getJson("/api/alerts?limit=50" + q);
    for (const a of recent.alerts.slice().reverse()) upsert(a, false);
    $("feed-note").textContent = `(${recent.count} most recent, then live)`;
  } catch (e) {
    $("feed-note").textContent = "cannot load recent alerts: " + e.message;
  }
}

function restart() {
  if (state.feed) state.feed.stop();
  state.alerts.clear();
  if (state.view) state.view.clearAlerts();
  $("alerts").replaceChildren();
  updateTotals();
  const q = state.region ? "?region=" + encodeURIComponent(state.region) : "";
  state.feed = new LiveFeed("/api/alerts/stream" + q, {
    onState: setFeedState,
    onOpen: loadRecent,
    onEvent: (type, data) => {
      if (type !== "alert" && type !== "alert-update") return;
      refreshSoon();
      try {
        const a = JSON.parse(data);
        upsert(a, true);
        refreshWorkflow(a.id);
      } catch (e) {
        console.warn("unreadable alert on the feed", e);
      }
    },
  });
  state.feed.start();
}

/** Stops everything that belongs to the signed-in user and forgets what was on screen. */
function teardown() {
  if (state.feed) state.feed.stop();
  state.feed = null;
  state.alerts.clear();
  $("alerts").replaceChildren();
  if (state.view) state.view.clearAlerts();
  $("region").replaceChildren();
  $("feed-note").textContent = "";
  $("queue-panel").hidden = true;
  stopDesk();
  forgetWorkflow();
  closeDetail();
}

/** The desk's queue is on the map too: its alerts may be older than the feed's recent ones. */
function showQueued(items) {
  if (!state.view) return;
  for (const a of items) if (!state.alerts.has(a.id)) state.view.mark(a, false);
}

/** After sign-in (or a reload with a live session): the header, then the desk or the note. */
async function open() {
  const u = user();
  if (u.role === "grid-worker") {
    location.replace("grid.html");
    return;
  }
  $("board").hidden = true;
  $("desk-note").hidden = true;
  $("desk-controls").hidden = true;
  try {
    state.map = await getJson("/api/map");
  } catch (e) {
    showSignedIn(u, null);
    setFeedState("closed", "cannot load the map: " + e.message);
    return;
  }
  state.regions = new Map(state.map.regions.map((r) => [r.code, r]));
  showSignedIn(u, state.regions.get(u.jurisdiction)?.name || null);
  $("report-link").hidden = u.role !== "supervisor"; // the governance figures are for supervisors
  if (!DESK_ROLES.has(u.role)) {
    $("desk-note").hidden = false;
    return;
  }
  $("board").hidden = false;
  $("desk-controls").hidden = false;
  $("queue-panel").hidden = !HANDLER_ROLES.has(u.role); // before the map takes its size
  fillRegions();
  drawMap();
  restart();
  if (HANDLER_ROLES.has(u.role)) startDesk({ onOpen: showDetail, onQueue: showQueued });
}

$("close-detail").addEventListener("click", closeDetail);
// A step taken here shows on the map at once (the feed's copy follows).
document.addEventListener("workflow-changed", (e) => {
  if (state.view) state.view.mark(e.detail.view, false);
});
// The detail panel opens below the header, however many lines the header wraps to.
new ResizeObserver(([entry]) => {
  document.documentElement.style.setProperty("--header-height", entry.target.offsetHeight + "px");
}).observe(document.querySelector("header"));
startSignIn({ onSignedIn: open, onSignedOut: teardown });
