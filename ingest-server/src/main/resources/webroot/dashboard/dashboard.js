// The operators' dashboard. It uses only the public API, always with the signed-in user's token:
// /api/map, /api/alerts, /api/alerts/{id}, /api/alerts/stream (read by feed.js) and the photo and
// snapshot links of an alert. The server decides what a user may see; the page only hides what the
// role cannot use. Data is always written with textContent, never as HTML.

import { closeDetail, showDetail } from "./detail.js";
import { $, el, svg } from "./dom.js";
import { LiveFeed } from "./feed.js";
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
const DESK_ROLES = new Set(["admin", "supervisor", "operator", "grid-worker", "integrator"]);

const state = { map: null, region: "", feed: null, alerts: new Map(), cells: new Map(), regions: new Map() };

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
  const map = $("map");
  map.replaceChildren();
  state.cells.clear();
  const cells = state.map.grids.features.filter((f) => inRegion(f.properties.code));
  if (cells.length === 0) return;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of cells) for (const [x, y] of f.geometry.coordinates[0]) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  // Equirectangular, shrunk in x by cos(latitude) so that cells keep their shape.
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const pad = (maxX - minX) * 0.03;
  const px = (x) => (x - minX) * k;
  const py = (y) => maxY - y;
  map.setAttribute("viewBox", `${-pad} ${-pad} ${(maxX - minX) * k + 2 * pad} ${maxY - minY + 2 * pad}`);
  for (const f of cells) {
    const p = f.properties;
    const points = f.geometry.coordinates[0].map(([x, y]) => px(x) + "," + py(y)).join(" ");
    const poly = svg("polygon", { points, class: "cell", "data-code": p.code });
    const title = svg("title");
    title.textContent = `${p.name} ${p.code} · 网格员 ${p.gridWorker}`;
    poly.append(title);
    map.append(poly);
    state.cells.set(p.code, poly);
  }
  const r = (maxY - minY) * 0.006;
  for (const d of state.map.devices.filter((d) => inRegion(d.gridCode))) {
    const dot = svg("circle", { cx: px(d.lon), cy: py(d.lat), r, class: "device" });
    const title = svg("title");
    title.textContent = `${d.name} (${d.kind}) ${d.id}`;
    dot.append(title);
    map.append(dot);
  }
  for (const a of state.alerts.values()) markCell(a, false);
}

function markCell(alert, flash) {
  const cell = alert.grid && state.cells.get(alert.grid.code);
  if (!cell) return;
  const open = ["new", "acknowledged", "dispatched"].includes(alert.state);
  cell.classList.toggle("alerting", open);
  if (flash) {
    cell.classList.remove("flash");
    void cell.getBoundingClientRect(); // restart the animation
    cell.classList.add("flash");
  }
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
  markCell(a, isNew);
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
  $("alerts").replaceChildren();
  updateTotals();
  const q = state.region ? "?region=" + encodeURIComponent(state.region) : "";
  state.feed = new LiveFeed("/api/alerts/stream" + q, {
    onState: setFeedState,
    onOpen: loadRecent,
    onEvent: (type, data) => {
      if (type !== "alert" && type !== "alert-update") return;
      try {
        upsert(JSON.parse(data), true);
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
  $("map").replaceChildren();
  $("region").replaceChildren();
  $("feed-note").textContent = "";
  closeDetail();
}

/** After sign-in (or a reload with a live session): the header, then the desk or the note. */
async function open() {
  const u = user();
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
  if (!DESK_ROLES.has(u.role)) {
    $("desk-note").hidden = false;
    return;
  }
  $("board").hidden = false;
  $("desk-controls").hidden = false;
  fillRegions();
  drawMap();
  restart();
}

$("close-detail").addEventListener("click", closeDetail);
startSignIn({ onSignedIn: open, onSignedOut: teardown });
