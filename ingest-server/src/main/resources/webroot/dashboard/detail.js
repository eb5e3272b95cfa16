// The alert detail panel: the alert, the key person's card as the server sends it (masked names and
// ID numbers for a masked clearance), the hotlist entry, and the evidence. Images are fetched with
// the bearer token and shown from blob: URLs, because an <img src> cannot carry the token; a photo
// or face snapshot the user's clearance does not cover is replaced by a note saying so. At a desk
// (operator, supervisor) the alert's workflow comes first: actions.js.

import { closeWorkflow, showWorkflow } from "./actions.js";
import { authFetch, getJson, problemText, user } from "./session.js";
import { $, el } from "./dom.js";

const HANDLER_ROLES = new Set(["supervisor", "operator"]);

const WITHHELD = "photo withheld (clearance)";
let objectUrls = [];
let shown = 0; // which showDetail call the panel belongs to; late images of an earlier one are dropped

function forgetImages() {
  for (const u of objectUrls) URL.revokeObjectURL(u);
  objectUrls = [];
}

/** An image fetched with the token; resolves to the <img>, or to a note when it is refused. */
async function image(href, attrs) {
  const response = await authFetch(href, { headers: { Accept: "image/*" } });
  if (response.status === 403) return el("p", { class: "withheld" }, await problemText(response));
  if (!response.ok) return null; // snapshots are optional and may have been evicted
  const url = URL.createObjectURL(await response.blob());
  objectUrls.push(url);
  return el("img", { ...attrs, src: url });
}

function fullClearance() {
  const u = user();
  return u && u.clearance === "full" && u.role !== "integrator";
}

function isAboutPerson(a) {
  return Boolean(a.personId || a.person || (a.subject && a.subject.type === "person"));
}

function personCard(p) {
  const card = el("dl", { class: "person" });
  for (const [k, v, cls] of [["name", p.name, "person-name"], ["ID number", p.idNumber, "person-id"],
    ["risk", p.riskLevel], ["categories", (p.categories || []).join(", ")], ["home grid", p.homeGrid],
    ["vehicles", (p.plates || []).join(", ")]]) {
    card.append(el("dt", {}, k), el("dd", cls ? { class: cls } : {}, v || ""));
  }
  return card;
}

async function enrolmentPhoto(p, card) {
  if (!p.photos || p.photosWithheld) {
    card.before(el("p", { class: "withheld photo-withheld" }, WITHHELD));
    return;
  }
  try {
    const photos = await getJson(p.photos);
    if (!photos.length) return;
    const img = await image(photos[0].href, { class: "enrolment", alt: "enrolment photo" });
    if (img) card.before(img);
  } catch (e) {
    card.before(el("p", { class: "withheld" }, "enrolment photo: " + e.message));
  }
}

async function evidence(a, body) {
  const last = a.evidence && a.evidence[0];
  if (!last) return;
  if (isAboutPerson(a) && !fullClearance()) {
    body.append(el("p", { class: "withheld snapshot-withheld" }, "face snapshot withheld (clearance)"));
  } else {
    const href = last.snapshot || "/api/events/" + encodeURIComponent(last.eventId) + "/snapshot";
    const slot = el("div", { class: "snapshot-slot" });
    body.append(slot);
    image(href, { class: "snapshot", alt: "snapshot of the latest sighting" })
      .then((img) => { if (img) slot.append(img); })
      .catch(() => {});
  }
  const ev = el("ol");
  for (const e of a.evidence.slice(0, 20)) ev.append(el("li", {}, `${new Date(e.seenAt).toLocaleString()} · ${e.eventId}`));
  body.append(el("h2", {}, "evidence"), ev);
}

export async function showDetail(id) {
  const body = $("detail-body");
  const mine = ++shown;
  forgetImages();
  body.replaceChildren(el("p", {}, "loading…"));
  $("detail").hidden = false;
  let a;
  try {
    a = await getJson("/api/alerts/" + encodeURIComponent(id));
  } catch (e) {
    if (mine === shown) body.replaceChildren(el("p", { class: "refused" }, "cannot load the alert: " + e.message));
    return;
  }
  if (mine !== shown) return;
  const rows = [
    ["rule", a.rule], ["severity", a.severity], ["state", a.state], ["subject", a.subject.label],
    ["plate", a.plate], ["reason", a.reason], ["sightings", String(a.count)],
    ["first seen", new Date(a.firstSeen).toLocaleString()], ["last seen", new Date(a.lastSeen).toLocaleString()],
    ["device", a.device ? `${a.device.name || ""} ${a.device.id}` : ""],
    ["grid", a.grid ? `${a.grid.name} ${a.grid.code} · 网格员 ${a.grid.worker}` : ""],
    ["regions", (a.regions || []).map((r) => `${r.name} ${r.code}`).join(" › ")],
  ];
  const dl = el("dl");
  const atDesk = HANDLER_ROLES.has(user().role); // the workflow section shows the current state
  for (const [k, v] of rows) if (v && !(atDesk && k === "state")) dl.append(el("dt", {}, k), el("dd", {}, v));
  body.replaceChildren(el("h2", {}, a.subject.label));
  if (atDesk) {
    const section = el("section", { class: "workflow" });
    body.append(section);
    showWorkflow(section, a.id);
  }
  body.append(el("h2", {}, "告警 · alert"), dl);
  if (a.person) {
    const card = personCard(a.person);
    body.append(el("h2", {}, "重点人员 · key person"), card);
    enrolmentPhoto(a.person, card);
  }
  if (a.hotlist) {
    body.append(el("h2", {}, "布控 · hotlist"), el("p", {}, `${a.hotlist.reason} (${a.hotlist.severity})`));
  }
  await evidence(a, body);
}

export function closeDetail() {
  shown += 1;
  $("detail").hidden = true;
  $("detail-body").replaceChildren();
  forgetImages();
  closeWorkflow();
}
