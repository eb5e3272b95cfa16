// The disposal plan (处置预案) of an alert's rule, shown in the alert's workflow section: each step
// with who ticked it and when, from GET /api/alerts/{id}/plan. A desk ticks a step with
// POST /api/alerts/{id}/plan/steps/{n}; ticking is recorded once (the first tick stays).

import { el } from "./dom.js";
import { authFetch, getJson, problemText, user } from "./session.js";
import { time } from "./workflow.js";

const TICKERS = new Set(["operator", "supervisor"]);

/** The plan block for alert `id`; empty when its rule has none (404) or it cannot be read. */
export async function planBlock(id) {
  const block = el("div", { id: "plan", class: "plan" });
  let plan;
  try {
    plan = await getJson(`/api/alerts/${encodeURIComponent(id)}/plan`);
  } catch (e) {
    if (e.status !== 404) block.append(el("p", { class: "refused" }, "plan: " + e.message));
    return block;
  }
  fill(block, id, plan, "");
  return block;
}

function fill(block, id, plan, message) {
  const mayTick = TICKERS.has(user().role);
  const list = el("ol", { class: "plan-steps" });
  for (const step of plan.steps) {
    const box = el("input", { type: "checkbox", id: `plan-step-${step.n}`, "data-step": String(step.n) });
    box.checked = step.ticked;
    box.disabled = step.ticked || !mayTick;
    box.addEventListener("change", () => tick(block, id, step.n));
    const who = step.ticked ? el("span", { class: "note" }, ` ✓ ${step.tickedBy}, ${time(step.tickedAt)}`) : "";
    list.append(el("li", {}, box, el("label", { for: `plan-step-${step.n}` }, step.text), who));
  }
  block.replaceChildren(
    el("h3", {}, "处置预案 · " + plan.title),
    list,
    el("p", { class: "error", role: "alert" }, message));
}

async function tick(block, id, n) {
  const r = await authFetch(`/api/alerts/${encodeURIComponent(id)}/plan/steps/${n}`, {
    method: "POST", headers: { Accept: "application/json" } });
  if (r.ok) {
    fill(block, id, await r.json(), "");
  } else {
    const detail = await problemText(r);
    const plan = await getJson(`/api/alerts/${encodeURIComponent(id)}/plan`);
    fill(block, id, plan, "cannot tick step " + n + ": " + detail);
  }
}
