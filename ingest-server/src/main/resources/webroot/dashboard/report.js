// The monthly governance report (一月一通报, docs/governance.md): the ranking of one level for one
// month with the change from last month, and the score trend of the leading units drawn with
// ECharts (served from the jar). Signs in like the dashboard; prints cleanly ("Save as PDF").

import { $, el } from "./dom.js";
import { showSignedIn, startSignIn } from "./login.js";
import { authFetch, getJson, problemText, user } from "./session.js";

const LEVEL_NAMES = { grid: "网格", village: "村（社区）", township: "乡镇（街道）", county: "县（区）" };
const TREND_UNITS = 6; // charts for the leading units
const TREND_MONTHS = 6;
let charts = [];

function currentMonth() {
  // Months are cut in Asia/Shanghai, as on the server.
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" })
    .formatToParts(new Date());
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get("year")}-${get("month")}`;
}

function params() {
  const q = new URLSearchParams(location.search);
  return {
    month: q.get("month") || $("month").value || currentMonth(),
    level: q.get("level") || $("level").value || "township",
  };
}

/** Seconds as the report shows them: 45 s, 12 min, 3.5 h, 2.1 d. */
export function duration(s) {
  if (s === null || s === undefined) return "—";
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

function percent(share) {
  return share === null || share === undefined ? "—" : `${(share * 100).toFixed(1)} %`;
}

function change(u) {
  if (u.rank === null) return el("span", { class: "same" }, "");
  if (u.previousRank === null) return el("span", { class: "new", title: "no rank last month" }, "新 new");
  if (u.rankChange > 0) return el("span", { class: "up", title: `was ${u.previousRank}` }, `▲ ${u.rankChange}`);
  if (u.rankChange < 0) return el("span", { class: "down", title: `was ${u.previousRank}` }, `▼ ${-u.rankChange}`);
  return el("span", { class: "same", title: `was ${u.previousRank}` }, "—");
}

function row(u) {
  const tr = el("tr", { class: u.score === null ? "unscored" : "" },
    el("td", {}, u.rank === null ? "—" : String(u.rank)),
    el("td", {}, change(u)),
    el("td", { class: "unit" }, u.name, el("small", {}, u.code)),
    el("td", {}, u.score === null ? "—" : u.score.toFixed(1)),
    el("td", {}, String(u.received)),
    el("td", {}, String(u.acknowledged)),
    el("td", {}, String(u.resolved)),
    el("td", {}, `${duration(u.ackMedianSeconds)} / ${duration(u.ackP90Seconds)}`),
    el("td", {}, `${duration(u.resolveMedianSeconds)} / ${duration(u.resolveP90Seconds)}`),
    el("td", {}, String(u.overdue)),
    el("td", {}, percent(u.withinGridShare)),
    el("td", {}, percent(u.escalatedShare)),
    el("td", {}, percent(u.falsePositiveShare)));
  tr.dataset.code = u.code;
  return tr;
}

function formula(weights) {
  const w = (k) => (weights[k] ?? 0).toFixed(2);
  return "得分 score = 100 × Σ weight × share: " +
    `${w("acknowledgedOnTime")} × acknowledged on time + ${w("resolved")} × resolved + ` +
    `${w("resolvedOnTime")} × resolved on time + ${w("withinGrid")} × kept in the grid + ` +
    `${w("notFalsePositive")} × not false positive (docs/governance.md). ` +
    "Ranks are the city's; equal scores share a rank; units without alerts have no score.";
}

async function drawTrends(report) {
  for (const c of charts) c.dispose();
  charts = [];
  $("charts").replaceChildren();
  const leading = report.units.filter((u) => u.rank !== null).slice(0, TREND_UNITS);
  for (const u of leading) {
    const box = el("div", { class: "chart" }, el("h3", {}, `${u.rank}. ${u.name}`));
    const plot = el("div", { class: "plot" });
    box.append(plot);
    $("charts").append(box);
    const t = await getJson(`/api/governance/trend?code=${encodeURIComponent(u.code)}` +
      `&months=${TREND_MONTHS}&month=${report.month}`);
    if (typeof echarts === "undefined") continue; // the library did not load: the table still stands
    const chart = echarts.init(plot, null, { renderer: "canvas", devicePixelRatio: 2 });
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 40, top: 24, bottom: 24 },
      tooltip: { trigger: "axis" },
      legend: { data: ["得分 score", "受理 received"], top: 0, textStyle: { fontSize: 10 } },
      xAxis: { type: "category", data: t.months.map((m) => m.month) },
      yAxis: [{ type: "value", min: 0, max: 100 }, { type: "value", splitLine: { show: false } }],
      series: [
        { name: "得分 score", type: "line", data: t.months.map((m) => m.score), connectNulls: false,
          label: { show: true, fontSize: 9 } },
        { name: "受理 received", type: "bar", yAxisIndex: 1, data: t.months.map((m) => m.received),
          itemStyle: { opacity: 0.35 } },
      ],
    });
    charts.push(chart);
  }
}

async function load() {
  const { month, level } = params();
  $("month").value = month;
  $("level").value = level;
  $("error").textContent = "";
  try {
    const report = await getJson(`/api/governance?level=${level}&month=${month}`);
    const [y, m] = report.month.split("-");
    const where = report.total ? report.total.name : await jurisdictionName();
    $("title").textContent = `${where}社会治理指数月度通报（${y}年${Number(m)}月）`;
    $("subtitle").textContent = `${LEVEL_NAMES[report.level]}排名 · ${report.level} ranking · ` +
      `${report.ranked} units scored · figures as of ${new Date(report.computedAt).toLocaleString("zh-CN")}`;
    $("rows").replaceChildren(...report.units.map(row));
    $("formula").textContent = formula(report.weights);
    document.title = $("title").textContent;
    await drawTrends(report);
  } catch (e) {
    $("error").textContent = e.message;
  }
}

async function jurisdictionName() {
  const u = user();
  try {
    return (await getJson(`/api/governance/trend?code=${u.jurisdiction}&months=1`)).name;
  } catch (e) {
    return u.jurisdiction;
  }
}

async function downloadCsv() {
  const { month, level } = params();
  const response = await authFetch(`/api/governance.csv?level=${level}&month=${month}`, {});
  if (!response.ok) {
    $("error").textContent = await problemText(response);
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const a = el("a", { href: url, download: `governance-${month}-${level}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function navigate() {
  const q = new URLSearchParams({ month: $("month").value || currentMonth(), level: $("level").value });
  history.replaceState(null, "", `?${q}`);
  load();
}

$("month").max = currentMonth();
$("month").addEventListener("change", navigate);
$("level").addEventListener("change", navigate);
$("print").addEventListener("click", () => window.print());
$("csv").addEventListener("click", downloadCsv);
window.addEventListener("beforeprint", () => charts.forEach((c) => c.resize()));
window.addEventListener("afterprint", () => charts.forEach((c) => c.resize()));

startSignIn({
  onSignedIn: () => {
    const u = user();
    showSignedIn(u, "");
    load();
  },
  onSignedOut: () => {
    for (const c of charts) c.dispose();
    charts = [];
    $("rows").replaceChildren();
  },
});
