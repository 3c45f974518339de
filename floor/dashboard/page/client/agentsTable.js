// The agents table: one row per agent ever born, sortable by any column; a click opens its statechart.
import { brief, byId, el, signClass, usd } from "./format.js";
import { sortRows } from "./sortRows.js";

let rows = [];
let sort = { key: "id", dir: 1 };
let selected = null;

const skill = (m) => (m && typeof m.skill === "number" ? `${m.skill.toFixed(4)}${typeof m.skillLo === "number" ? ` [${m.skillLo.toFixed(3)}, ${m.skillHi.toFixed(3)}]` : ""}` : "n/a");
const lineage = (r) => [r.lineage && r.lineage.length ? "← " + r.lineage.join(" ← ") : "—", r.alive === false ? ` · died${r.deathReason ? ": " + r.deathReason : ""}` : ""].join("");

function rowOf(r) {
  return el("tr", { "data-agent": r.id, class: [r.alive === false && "dead", r.id === selected && "selected"].filter(Boolean).join(" ") || null },
    el("td", {}, r.id), el("td", {}, r.kind), el("td", {}, r.strategy || "—"),
    el("td", { class: "params", title: r.params ? JSON.stringify(r.params) : null }, brief(r.params)),
    el("td", { class: "state" }, r.state), el("td", { class: "num" }, usd(r.capital)),
    el("td", { class: `num ${signClass(r.pnl)}`, title: r.metrics ? `with open positions marked: ${usd((r.metrics.pnl ?? 0) / 1e6)}` : null }, usd(r.pnl)),
    el("td", { class: "num", title: r.metrics && typeof r.metrics.brier === "number" ? `Brier ${r.metrics.brier.toFixed(4)}` : null }, skill(r.metrics)),
    el("td", {}, lineage(r)));
}

function render() {
  byId("agents").replaceChildren(...sortRows(rows, sort.key, sort.dir).map(rowOf));
  for (const th of document.querySelectorAll("#agents-table th[data-sort]")) th.className = [th.classList.contains("num") && "num", th.dataset.sort === sort.key && (sort.dir === 1 ? "asc" : "desc")].filter(Boolean).join(" ");
}

export function setRows(list) {
  rows = list;
  render();
}

export const rowOfAgent = (id) => rows.find((r) => r.id === id);

/** A live state change: the cell changes in place; false when the agent is not in the table yet. */
export function setState(id, state) {
  const r = rowOfAgent(id);
  if (!r) return false;
  r.state = state;
  const td = document.querySelector(`#agents tr[data-agent="${CSS.escape(id)}"] td.state`);
  if (td) td.textContent = state;
  return true;
}

export function select(id) {
  selected = id;
  for (const tr of byId("agents").children) tr.classList.toggle("selected", tr.dataset.agent === id);
}

export function initTable(open) {
  byId("agents-table").tHead.addEventListener("click", (e) => {
    const th = e.target.closest("th[data-sort]");
    if (!th) return;
    sort = { key: th.dataset.sort, dir: sort.key === th.dataset.sort ? -sort.dir : 1 };
    render();
  });
  byId("agents").addEventListener("click", (e) => {
    const tr = e.target.closest("tr[data-agent]");
    if (tr) open(tr.dataset.agent);
  });
}
