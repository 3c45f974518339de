// The family tree: each agent under its parent, with every birth, change and death (who and why), the dead struck through.
import { brief, byId, clock, el } from "./format.js";

const DEATHS = new Set(["retired", "failed", "died"]);

function node(a, kids, judged) {
  const events = a.events.map((e) => el("div", { class: DEATHS.has(e.verb) ? "death" : "who" }, `${clock(e.ts)} ${e.verb} by ${e.by}: ${e.reason}`));
  const j = judged.get(a.id);
  const children = (kids.get(a.id) || []).map((k) => node(k, kids, judged));
  return el("li", { "data-agent": a.id, class: a.diedTs !== null ? "dead" : "alive" },
    el(a.diedTs !== null ? "s" : "span", { class: "name" }, a.id), " ", el("small", {}, `${a.kind} · ${a.origin || "?"} · born ${clock(a.bornTs)}`),
    // The registry's death, when no event of the supervisor's tells it (with who and why).
    a.diedTs !== null && !a.events.some((e) => DEATHS.has(e.verb)) ? el("div", { class: "death" }, `died ${clock(a.diedTs)}: ${a.deathReason || "no reason given"}`) : null,
    ...events,
    j ? el("div", { class: "who" }, `boss: ${j.action}: ${j.reason} (${brief(j.numbers, 200)})`) : null,
    children.length ? el("ul", {}, ...children) : null);
}

/** Draw `/api/lineage`: roots are agents without a (known) parent; the boss's newest judgements below. */
export function renderTree(lineage) {
  const ids = new Set(lineage.agents.map((a) => a.id));
  const kids = new Map();
  for (const a of lineage.agents) {
    const p = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    kids.set(p, [...(kids.get(p) || []), a]);
  }
  const judged = new Map(lineage.judgements.map((j) => [j.agentId, j]));
  byId("tree").replaceChildren(...(kids.get(null) || []).map((a) => node(a, kids, judged)));
  const judgements = lineage.judgements.slice(-15).reverse();
  byId("judgements").replaceChildren(...(judgements.length ? judgements.map((j) =>
    el("li", { "data-agent": j.agentId }, `${clock(j.ts)} ${j.agentId}: ${j.action}: ${j.reason} (${brief(j.numbers, 200)})`)) : [el("li", { class: "who" }, "none yet (the boss reviews its traders every few hours of floor time)")]));
}
