// An alert's place in the workflow, read and changed through the public API:
// GET /api/alerts/{id}/workflow (the view; its ETag is the revision), POST
// /api/alerts/{id}/transitions (If-Match: that ETag) and a report's photo,
// GET /api/alerts/{id}/steps/{seq}/photo, fetched with the token and shown from a blob: URL.
// Shared by the desk (index.html) and the grid workers' page (grid.html).

import { authFetch, problemText, Refusal } from "./session.js";
import { el } from "./dom.js";

/** Actions whose note is required (the reason); docs/workflow.md, the lifecycle table. */
export const NEEDS_NOTE = new Set(["report", "send-back", "false-positive", "reopen", "escalate", "pull-down"]);

/** How each action is offered on a button. */
export const ACTION_LABELS = {
  acknowledge: "受理 acknowledge",
  dispatch: "派单 dispatch",
  report: "反馈 report back",
  "send-back": "退回 send back",
  resolve: "办结 resolve",
  "false-positive": "误报 false positive",
  reopen: "重开 reopen",
  escalate: "上报 escalate",
  "pull-down": "下派 pull down",
};

export const STATE_LABELS = {
  new: "新 new",
  acknowledged: "已受理 acknowledged",
  dispatched: "已派单 dispatched",
  handled: "已处置 handled",
  resolved: "已办结 resolved",
  "false-positive": "误报 false positive",
  reopened: "重开 reopened",
};

/** A workflow view and the ETag to send back with the next step. */
export class Held {
  constructor(view, etag) {
    this.view = view;
    this.etag = etag || `"${view.workflow.revision}"`;
  }
}

function alertPath(id) {
  return "/api/alerts/" + encodeURIComponent(id);
}

/** GET the alert's workflow; rejects with a Refusal carrying the problem's detail. */
export async function loadWorkflow(id) {
  const r = await authFetch(alertPath(id) + "/workflow", { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Refusal(r.status, await problemText(r), null);
  return new Held(await r.json(), r.headers.get("ETag"));
}

/**
 * Takes a step: POST {action, note, …} with If-Match. Resolves to the alert's new Held; rejects
 * with a Refusal whose status is the problem's (403, 409, 412, 422…) and message its detail.
 */
export async function takeStep(id, held, body) {
  const r = await authFetch(alertPath(id) + "/transitions", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", "If-Match": held.etag },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Refusal(r.status, await problemText(r), null);
  const next = new Held(await r.json(), r.headers.get("ETag"));
  document.dispatchEvent(new CustomEvent("workflow-changed", { detail: { id, view: next.view } }));
  return next;
}

/** What a refused step means for the user, with the server's detail. */
export function refusalText(e) {
  const why = {
    403: "not allowed",
    409: "not possible in this state",
    412: "someone changed the alert meanwhile; it is reloaded, look again",
    422: "check the form",
  }[e.status];
  return why ? `${why}: ${e.message}` : e.message;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

/** "1:02:03" or "12:34" for a number of milliseconds (its absolute value). */
export function duration(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, "0");
  return (h > 0 ? h + ":" + pad(m) : String(m)) + ":" + pad(s % 60);
}

/** The countdown text to a deadline: "12:34 left" or "overdue 3:21". */
export function countdown(deadline, now = Date.now()) {
  if (!deadline) return { text: "no deadline", late: false };
  const left = Date.parse(deadline) - now;
  return left >= 0 ? { text: `${duration(left)} left`, late: false } : { text: `overdue ${duration(left)}`, late: true };
}

/** Images fetched with the token for one panel; forget() revokes their blob: URLs. */
export class Images {
  constructor() {
    this.urls = [];
  }

  async fetch(href) {
    const r = await authFetch(href, { headers: { Accept: "image/*" } });
    if (!r.ok) throw new Refusal(r.status, await problemText(r), null);
    const url = URL.createObjectURL(await r.blob());
    this.urls.push(url);
    return url;
  }

  forget() {
    for (const u of this.urls) URL.revokeObjectURL(u);
    this.urls = [];
  }
}

/** The desk, deadlines and assignee of a view, as a definition list. */
export function facts(view) {
  const w = view.workflow || {};
  const rows = [
    ["state", STATE_LABELS[view.state] || view.state, "wf-state"],
    ["desk", w.desk ? `${w.desk.name} ${w.desk.code} (${w.desk.level || ""})` : "", "wf-desk"],
    ["acknowledge by", time(w.acknowledgeBy)],
    ["resolve by", time(w.resolveBy)],
    ["next deadline", time(w.nextDeadline), "wf-deadline"],
    ["overdue", w.overdue ? `超时 yes, escalated ${w.escalations || 0}×` : "", "wf-overdue"],
    ["assignee", w.assignee ? `${w.assignee.id} (${w.assignee.kind}), due ${time(w.assignee.due)}` : "", "wf-assignee"],
    ["handled", time(w.handledAt)],
    ["closed", time(w.closedAt)],
  ];
  const dl = el("dl", { class: "workflow-facts" });
  for (const [k, v, cls] of rows) if (v) dl.append(el("dt", {}, k), el("dd", cls ? { class: cls } : {}, v));
  return dl;
}

/** One step of the timeline: who, when, from → to, desk, assignee, note, the report's photo. */
function stepItem(alertId, s, images) {
  const li = el("li", { class: "step", "data-seq": String(s.seq), "data-action": s.action, "data-actor": s.actor || "" },
    el("div", { class: "step-head" },
      el("strong", { class: "step-action" }, s.action),
      el("span", { class: "step-actor" }, `${s.actor || "system"}${s.actorRole ? " (" + s.actorRole + ")" : ""}`),
      el("span", { class: "step-when" }, time(s.at))),
    el("div", { class: "step-states" }, `${s.from} → ${s.to}${s.desk ? " · desk " + s.desk : ""}`));
  if (s.assignee) li.append(el("div", { class: "step-assignee" }, `to ${s.assignee}${s.due ? ", due " + time(s.due) : ""}`));
  if (s.note) li.append(el("p", { class: "step-note" }, s.note));
  if (s.photo) {
    const slot = el("div", { class: "step-photo" }, "loading photo…");
    li.append(slot);
    images.fetch(s.photoHref || `${alertPath(alertId)}/steps/${s.seq}/photo`)
      .then((url) => {
        const link = el("a", { href: url, target: "_blank", rel: "noopener", class: "photo-link" },
          el("img", { src: url, alt: `photo of step ${s.seq}` }));
        slot.replaceChildren(link);
      })
      .catch((e) => slot.replaceChildren(el("span", { class: "refused" }, "photo: " + e.message)));
  }
  return li;
}

/** The timeline, oldest step first. */
export function timeline(view, images) {
  const steps = (view.timeline || []).slice().sort((a, b) => a.seq - b.seq);
  const ol = el("ol", { class: "timeline" });
  for (const s of steps) ol.append(stepItem(view.id, s, images));
  if (steps.length === 0) ol.append(el("li", { class: "empty" }, "no step yet"));
  return ol;
}

/** A photo file as a data: URL, scaled down (JPEG) when it is larger than maxBytes. */
export async function photoDataUrl(file, maxBytes = 1_500_000) {
  let blob = file;
  if (file.size > maxBytes && typeof createImageBitmap === "function") {
    try {
      const bitmap = await createImageBitmap(file);
      const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    } catch (e) {
      blob = file; // not decodable here: send it as it is and let the server judge
    }
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
