// The operators' dashboard. It uses only the public API: /api/map, /api/alerts, /api/alerts/{id},
// /api/alerts/stream (Server-Sent Events) and /api/events/{id}/snapshot. Data is always written with
// textContent, never as HTML.
"use strict";

const MAX_SHOWN = 200; // alerts kept on screen; older ones fall off the list
const state = { map: null, region: "", source: null, alerts: new Map(), cells: new Map() };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + " answered " + r.status);
  return r.json();
}

function inRegion(code) {
  return !state.region || (code && code.startsWith(regionPrefix(state.region)));
}

function regionPrefix(code) {
  // GB/T 2260: a city's counties share its first 4 digits (430700 → 4307), deeper levels extend it.
  return code.length === 6 && code.endsWith("00") ? code.slice(0, 4) : code;
}

function fillRegions(regions) {
  const select = $("region");
  select.append(el("option", { value: "" }, "全部 · everything"));
  const indent = { CITY: "", COUNTY: "\u00a0\u00a0", TOWNSHIP: "\u00a0\u00a0\u00a0\u00a0" };
  for (const r of regions.filter((r) => r.level !== "VILLAGE")) {
    select.append(el("option", { value: r.code }, indent[r.level] + r.name + " " + r.code));
  }
  select.value = new URLSearchParams(location.search).get("region") || "";
  state.region = select.value;
  select.addEventListener("change", () => {
    state.region = select.value;
    history.replaceState(null, "", state.region ? "?region=" + state.region : location.pathname);
    drawMap();
    restart();
  });
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

function upsert(a, isNew) {
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

async function showDetail(id) {
  const body = $("detail-body");
  body.replaceChildren(el("p", {}, "loading…"));
  $("detail").hidden = false;
  try {
    const a = await getJson("/api/alerts/" + encodeURIComponent(id));
    const rows = [
      ["rule", a.rule], ["severity", a.severity], ["state", a.state], ["subject", a.subject.label],
      ["plate", a.plate], ["reason", a.reason], ["sightings", String(a.count)],
      ["first seen", new Date(a.firstSeen).toLocaleString()], ["last seen", new Date(a.lastSeen).toLocaleString()],
      ["device", a.device ? `${a.device.name || ""} ${a.device.id}` : ""],
      ["grid", a.grid ? `${a.grid.name} ${a.grid.code} · 网格员 ${a.grid.worker}` : ""],
      ["regions", (a.regions || []).map((r) => `${r.name} ${r.code}`).join(" › ")],
    ];
    const dl = el("dl");
    for (const [k, v] of rows) if (v) dl.append(el("dt", {}, k), el("dd", {}, v));
    body.replaceChildren(el("h2", {}, a.subject.label), dl);
    if (a.person) {
      const p = a.person;
      const card = el("dl");
      for (const [k, v] of [["name", p.name], ["ID number", p.idNumber], ["risk", p.riskLevel],
        ["categories", (p.categories || []).join(", ")], ["home grid", p.homeGrid], ["vehicles", (p.plates || []).join(", ")]]) {
        card.append(el("dt", {}, k), el("dd", {}, v || ""));
      }
      body.append(el("h2", {}, "重点人员 · key person"), card);
      if (p.photos) { // the enrolment face crop next to the card, when there is one
        fetch(p.photos).then((r) => (r.ok ? r.json() : [])).then((photos) => {
          if (photos.length) card.before(el("img", { class: "enrolment", alt: "enrolment photo", src: photos[0].href }));
        }).catch(() => {});
      }
    }
    if (a.hotlist) {
      body.append(el("h2", {}, "布控 · hotlist"), el("p", {}, `${a.hotlist.reason} (${a.hotlist.severity})`));
    }
    const last = a.evidence && a.evidence[0];
    if (last) {
      const img = el("img", { class: "snapshot", alt: "snapshot of the latest sighting",
        src: last.snapshot || "/api/events/" + encodeURIComponent(last.eventId) + "/snapshot" });
      img.addEventListener("error", () => img.remove()); // snapshots are optional and may be evicted
      body.append(img);
      const ev = el("ol");
      for (const e of a.evidence.slice(0, 20)) ev.append(el("li", {}, `${new Date(e.seenAt).toLocaleString()} · ${e.eventId}`));
      body.append(el("h2", {}, "evidence"), ev);
    }
  } catch (e) {
    body.replaceChildren(el("p", {}, "cannot load the alert: " + e.message));
  }
}

function setFeedState(s, text) {
  const e = $("feed-state");
  e.className = "state " + s;
  e.textContent = text;
}

async function restart() {
  if (state.source) state.source.close();
  state.alerts.clear();
  $("alerts").replaceChildren();
  const q = state.region ? "&region=" + state.region : "";
  try {
    const recent = await getJson("/api/alerts?limit=50" + q);
    for (const a of recent.alerts.slice().reverse()) upsert(a, false);
    $("feed-note").textContent = `(${recent.count} most recent, then live)`;
  } catch (e) {
    $("feed-note").textContent = "cannot load recent alerts: " + e.message;
  }
  const source = new EventSource("/api/alerts/stream" + (state.region ? "?region=" + state.region : ""));
  state.source = source;
  source.onopen = () => setFeedState("open", "live");
  source.onerror = () => setFeedState(source.readyState === EventSource.CLOSED ? "closed" : "connecting",
    source.readyState === EventSource.CLOSED ? "disconnected" : "reconnecting…");
  const onAlert = (isNew) => (m) => { try { upsert(JSON.parse(m.data), isNew); } catch (e) { console.warn(e); } };
  source.addEventListener("alert", onAlert(true));
  source.addEventListener("alert-update", onAlert(true));
}

$("close-detail").addEventListener("click", () => { $("detail").hidden = true; });

(async function start() {
  try {
    state.map = await getJson("/api/map");
  } catch (e) {
    setFeedState("closed", "cannot load the map: " + e.message);
    return;
  }
  fillRegions(state.map.regions);
  drawMap();
  restart();
})();
